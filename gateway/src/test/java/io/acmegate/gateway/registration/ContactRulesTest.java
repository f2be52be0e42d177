package io.acmegate.gateway.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.acme.problem.AcmeProblemException;
import io.acmegate.gateway.acme.problem.ProblemType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContactRulesTest {
    private static List<String> check(String json) {
        return ContactRules.check(AcmeJson.parseObject(("{\"contact\":" + json + "}")
                .getBytes(StandardCharsets.UTF_8), "t").get("contact"));
    }

    private static ProblemType refused(String json) {
        return assertThrows(AcmeProblemException.class, () -> check(json)).problem().type();
    }

    @Test
    void mailtoAddressesAreAcceptedAndLowerCased() {
        assertEquals(List.of("mailto:ops@example.com", "mailto:a.b+c@sub.example.org"),
                check("[\"mailto:Ops@Example.com\", \"MAILTO:a.b+c@sub.example.org\"]"));
        assertEquals(List.of(), check("[]"));
        assertEquals(List.of(), check("null"));
    }

    @Test
    void otherSchemesAreUnsupported() {
        assertEquals(ProblemType.UNSUPPORTED_CONTACT, refused("[\"tel:+15551234\"]"));
        assertEquals(ProblemType.UNSUPPORTED_CONTACT, refused("[\"https://example.com\"]"));
    }

    @Test
    void badAddressesAreInvalid() {
        assertEquals(ProblemType.INVALID_CONTACT, refused("[\"mailto:nobody\"]"));
        assertEquals(ProblemType.INVALID_CONTACT, refused("[\"mailto:a@example.com?subject=x\"]"));
        assertEquals(ProblemType.INVALID_CONTACT, refused("[\"mailto:a@example.com,b@example.com\"]"));
        assertEquals(ProblemType.INVALID_CONTACT, refused("[\"mailto:a@-bad-.example\"]"));
    }

    @Test
    void wrongShapesAreMalformed() {
        assertEquals(ProblemType.MALFORMED, refused("\"mailto:a@example.com\""));
        assertEquals(ProblemType.MALFORMED, refused("[1]"));
        assertEquals(ProblemType.MALFORMED, refused("[" + "\"mailto:a@example.com\",".repeat(10)
                + "\"mailto:a@example.com\"]"));
    }
}
