package io.acmegate.gateway.acme.jws;

import static io.acmegate.gateway.acme.jws.JwsFixtures.assertProblem;
import static io.acmegate.gateway.acme.jws.JwsFixtures.header;
import static io.acmegate.gateway.acme.jws.JwsFixtures.parse;
import static io.acmegate.gateway.acme.jws.JwsFixtures.publicJwk;
import static io.acmegate.gateway.acme.jws.JwsFixtures.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.acme.problem.Problem;
import io.acmegate.gateway.acme.problem.ProblemType;
import io.acmegate.gateway.model.EabKey;
import java.security.Key;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

class ExternalAccountBindingTest {
    private static final String NEW_ACCOUNT = "https://acme.test:8443/acme/new-account";
    private static final String KEY_ID = "kid-1";

    private final PublicJsonWebKey accountKey = JwsFixtures.p256();
    private final byte[] hmac = randomBytes(32);
    private final Function<String, Optional<EabKey>> keys = id -> KEY_ID.equals(id)
            ? Optional.of(new EabKey(KEY_ID, hmac, List.of("*.example.com"), "test", Instant.now(), false))
            : Optional.empty();

    @Test
    void acceptsValidBinding() {
        ObjectNode eab = binding(eabHeader(KEY_ID, NEW_ACCOUNT), accountKey, new HmacKey(hmac));

        assertEquals(KEY_ID, ExternalAccountBinding.verify(eab, accountKey, NEW_ACCOUNT, keys));
    }

    @Test
    void rejectsWrongHmacKey() {
        ObjectNode eab = binding(eabHeader(KEY_ID, NEW_ACCOUNT), accountKey, new HmacKey(randomBytes(32)));

        assertProblem(ProblemType.UNAUTHORIZED, () -> ExternalAccountBinding.verify(eab, accountKey, NEW_ACCOUNT, keys));
    }

    @Test
    void rejectsTamperedPayload() {
        ObjectNode eab = binding(eabHeader(KEY_ID, NEW_ACCOUNT), accountKey, new HmacKey(hmac));
        eab.put("payload", JwsFixtures.b64(publicJwk(JwsFixtures.p256()).toString()));

        assertProblem(ProblemType.UNAUTHORIZED, () -> ExternalAccountBinding.verify(eab, accountKey, NEW_ACCOUNT, keys));
    }

    @Test
    void rejectsBindingOfAnotherKey() {
        PublicJsonWebKey otherKey = JwsFixtures.ed25519();
        ObjectNode eab = binding(eabHeader(KEY_ID, NEW_ACCOUNT), otherKey, new HmacKey(hmac));

        Problem problem = assertProblem(ProblemType.UNAUTHORIZED,
                () -> ExternalAccountBinding.verify(eab, accountKey, NEW_ACCOUNT, keys));
        assertTrue(problem.detail().contains("different key"), problem.detail());
    }

    @Test
    void rejectsUnknownKeyId() {
        ObjectNode eab = binding(eabHeader("kid-unknown", NEW_ACCOUNT), accountKey, new HmacKey(hmac));

        Problem problem = assertProblem(ProblemType.UNAUTHORIZED,
                () -> ExternalAccountBinding.verify(eab, accountKey, NEW_ACCOUNT, keys));
        assertEquals("unknown external account binding key", problem.detail());
    }

    @Test
    void rejectsWrongUrl() {
        ObjectNode eab = binding(eabHeader(KEY_ID, "https://acme.test:8443/acme/new-order"), accountKey,
                new HmacKey(hmac));

        assertProblem(ProblemType.UNAUTHORIZED, () -> ExternalAccountBinding.verify(eab, accountKey, NEW_ACCOUNT, keys));
    }

    @Test
    void rejectsNonce() {
        ObjectNode header = eabHeader(KEY_ID, NEW_ACCOUNT);
        header.put("nonce", "bm9uY2Vub25jZW5vbmNl");
        ObjectNode eab = binding(header, accountKey, new HmacKey(hmac));

        assertProblem(ProblemType.MALFORMED, () -> ExternalAccountBinding.verify(eab, accountKey, NEW_ACCOUNT, keys));
    }

    @Test
    void rejectsSignatureAlgorithm() {
        PublicJsonWebKey rsa = JwsFixtures.rsa(2048);
        ObjectNode header = eabHeader(KEY_ID, NEW_ACCOUNT);
        header.put("alg", "RS256");
        ObjectNode eab = binding(header, accountKey, rsa.getPrivateKey());

        Problem problem = assertProblem(ProblemType.BAD_SIGNATURE_ALGORITHM,
                () -> ExternalAccountBinding.verify(eab, accountKey, NEW_ACCOUNT, keys));
        assertEquals(List.of("HS256"), problem.algorithms());
    }

    @Test
    void rejectsGeneralSerialization() {
        ObjectNode flat = binding(eabHeader(KEY_ID, NEW_ACCOUNT), accountKey, new HmacKey(hmac));
        ObjectNode general = AcmeJson.object();
        general.set("payload", flat.get("payload"));
        general.putArray("signatures").addObject()
                .put("protected", flat.get("protected").asText())
                .put("signature", flat.get("signature").asText());

        assertProblem(ProblemType.MALFORMED,
                () -> ExternalAccountBinding.verify(general, accountKey, NEW_ACCOUNT, keys));
    }

    @Test
    void rejectsNonObject() {
        assertProblem(ProblemType.MALFORMED,
                () -> ExternalAccountBinding.verify(AcmeJson.MAPPER.getNodeFactory().textNode("x"), accountKey,
                        NEW_ACCOUNT, keys));
    }

    private static ObjectNode eabHeader(String keyId, String url) {
        ObjectNode header = header("HS256", url);
        header.put("kid", keyId);
        return header;
    }

    private static ObjectNode binding(ObjectNode header, PublicJsonWebKey boundKey, Key macKey) {
        return parse(sign(header, publicJwk(boundKey).toString(), macKey));
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
