package io.acmegate.gateway.acme.jws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.acme.problem.AcmeProblemException;
import io.acmegate.gateway.acme.problem.Problem;
import io.acmegate.gateway.acme.problem.ProblemType;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.util.Base64;
import org.junit.jupiter.api.function.Executable;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwa.AlgorithmFactoryFactory;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OkpJwkGenerator;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jws.JsonWebSignatureAlgorithm;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/** Real keys and real JWS built with jose4j, for the verifier tests. */
final class JwsFixtures {
    static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private JwsFixtures() {
    }

    static PublicJsonWebKey rsa(int bits) {
        try {
            return RsaJwkGenerator.generateJwk(bits);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    static PublicJsonWebKey p256() {
        return ec(EllipticCurves.P256);
    }

    static PublicJsonWebKey p384() {
        return ec(EllipticCurves.P384);
    }

    static PublicJsonWebKey p521() {
        return ec(EllipticCurves.P521);
    }

    static PublicJsonWebKey ed25519() {
        try {
            return OkpJwkGenerator.generateJwk(OctetKeyPairJsonWebKey.SUBTYPE_ED25519);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PublicJsonWebKey ec(java.security.spec.ECParameterSpec spec) {
        try {
            return EcJwkGenerator.generateJwk(spec);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public JWK as a JSON object, as a client embeds it. */
    static ObjectNode publicJwk(PublicJsonWebKey key) {
        return (ObjectNode) json(key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
    }

    static ObjectNode privateJwk(PublicJsonWebKey key) {
        return (ObjectNode) json(key.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
    }

    static JsonNode json(String text) {
        try {
            return AcmeJson.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode header(String alg, String url) {
        ObjectNode header = AcmeJson.object();
        header.put("alg", alg);
        header.put("url", url);
        return header;
    }

    /**
     * Signs with jose4j's JsonWebSignature and returns the flattened JSON body. Key validation is off
     * so that the tests can produce requests a careful client would refuse to make (RSA 1024, ...).
     */
    static byte[] sign(ObjectNode header, String payload, Key signingKey) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.getHeaders().setFullHeaderAsJsonString(header.toString());
            jws.setPayload(payload);
            jws.setKey(signingKey);
            jws.setDoKeyValidation(false);
            jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
            return flattened(jws.getCompactSerialization());
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Signs an arbitrary header text (which JsonWebSignature would refuse to parse, e.g. with a
     * duplicate member) with the jose4j algorithm {@code signingAlg}.
     */
    static byte[] signRaw(String headerJson, String payload, Key signingKey, String signingAlg) {
        try {
            String encodedHeader = b64(headerJson);
            String encodedPayload = b64(payload);
            JsonWebSignatureAlgorithm algorithm = AlgorithmFactoryFactory.getInstance().getJwsAlgorithmFactory()
                    .getAlgorithm(signingAlg);
            byte[] signature = algorithm.sign(algorithm.prepareForSign(signingKey, new ProviderContext()),
                    (encodedHeader + "." + encodedPayload).getBytes(StandardCharsets.US_ASCII));
            return flattened(encodedHeader + "." + encodedPayload + "." + BASE64URL.encodeToString(signature));
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] flattened(String compact) {
        String[] parts = compact.split("\\.", -1);
        ObjectNode body = AcmeJson.object();
        body.put("protected", parts[0]);
        body.put("payload", parts[1]);
        body.put("signature", parts[2]);
        return AcmeJson.write(body);
    }

    static ObjectNode parse(byte[] body) {
        return (ObjectNode) json(new String(body, StandardCharsets.UTF_8));
    }

    static String b64(String text) {
        return BASE64URL.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Asserts that {@code call} fails with a problem of {@code type}, and returns that problem. */
    static Problem assertProblem(ProblemType type, Executable call) {
        AcmeProblemException e = assertThrows(AcmeProblemException.class, call);
        assertEquals(type, e.problem().type(), () -> "problem detail: " + e.problem().detail());
        return e.problem();
    }
}
