package io.acmegate.gateway.issuance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.acme.problem.AcmeProblemException;
import io.acmegate.gateway.acme.problem.ProblemType;
import io.acmegate.gateway.model.Identifier;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewOrderRequestTest {
    private static NewOrderRequest parse(String json) {
        return NewOrderRequest.parse(AcmeJson.parseObject(json.getBytes(StandardCharsets.UTF_8), "payload"));
    }

    private static ProblemType refused(String json) {
        return assertThrows(AcmeProblemException.class, () -> parse(json)).problem().type();
    }

    @Test
    void dnsIdentifiersAreLowerCasedAndDeduplicatedInOrder() {
        NewOrderRequest request = parse("{\"identifiers\":[{\"type\":\"dns\",\"value\":\"WWW.Example.test\"},"
                + "{\"type\":\"dns\",\"value\":\"*.example.test\"},{\"type\":\"dns\",\"value\":\"www.example.test\"}]}");
        assertEquals(List.of(Identifier.dns("www.example.test"), Identifier.dns("*.example.test")),
                request.identifiers());
    }

    @Test
    void badShapesAreMalformed() {
        assertEquals(ProblemType.MALFORMED, refused("{}"));
        assertEquals(ProblemType.MALFORMED, refused("{\"identifiers\":[]}"));
        assertEquals(ProblemType.MALFORMED, refused("{\"identifiers\":\"a.test\"}"));
        assertEquals(ProblemType.MALFORMED, refused("{\"identifiers\":[{\"type\":\"dns\"}]}"));
        assertEquals(ProblemType.MALFORMED, refused("{\"identifiers\":[{\"type\":\"dns\",\"value\":7}]}"));
    }

    @Test
    void otherIdentifierTypesAreUnsupported() {
        assertEquals(ProblemType.UNSUPPORTED_IDENTIFIER,
                refused("{\"identifiers\":[{\"type\":\"email\",\"value\":\"a@example.test\"}]}"));
    }

    @Test
    void ipIdentifiersProfileAndValidityAreRead() {
        NewOrderRequest request = NewOrderRequest.parse(AcmeJson.parseObject(("{\"identifiers\":[{\"type\":\"ip\","
                + "\"value\":\"192.0.2.1\"}],\"profile\":\"shortlived\",\"notBefore\":\"2030-01-01T01:00:00+01:00\","
                + "\"notAfter\":\"2030-01-02T00:00:00Z\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8), "p"));
        assertEquals(java.util.List.of(io.acmegate.gateway.model.Identifier.ip("192.0.2.1")), request.identifiers());
        assertEquals("shortlived", request.profile());
        assertEquals(java.time.Instant.parse("2030-01-01T00:00:00Z"), request.notBefore());
        assertEquals(java.time.Instant.parse("2030-01-02T00:00:00Z"), request.notAfter());
    }

    @Test
    void badValidityAndProfileAreMalformed() {
        assertEquals(ProblemType.MALFORMED, refused("{\"identifiers\":[{\"type\":\"dns\",\"value\":\"a.test\"}],"
                + "\"notAfter\":\"next tuesday\"}"));
        assertEquals(ProblemType.MALFORMED, refused("{\"identifiers\":[{\"type\":\"dns\",\"value\":\"a.test\"}],"
                + "\"profile\":7}"));
    }

    @Test
    void tooManyNamesAreRejected() {
        StringBuilder json = new StringBuilder("{\"identifiers\":[");
        for (int i = 0; i <= NewOrderRequest.MAX_IDENTIFIERS; i++) {
            json.append(i == 0 ? "" : ",").append("{\"type\":\"dns\",\"value\":\"n").append(i).append(".test\"}");
        }
        assertEquals(ProblemType.REJECTED_IDENTIFIER, refused(json.append("]}").toString()));
    }
}
