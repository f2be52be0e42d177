package io.acmegate.gateway.acme.jws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.acme.problem.Problems;
import java.security.Key;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;
import io.acmegate.gateway.ca.BouncyCastle;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * A JWS in the flattened JSON serialization (RFC 7515 §7.2.2), the only one RFC 8555 §6.2 allows,
 * with its protected header and payload decoded. The header is parsed by the strict
 * {@link AcmeJson#MAPPER} so that what we check is exactly what jose4j verifies (no duplicates).
 */
record FlattenedJws(String encodedProtected, String encodedPayload, String encodedSignature,
                    ObjectNode header, byte[] payload) {

    private static final Set<String> MEMBERS = Set.of("protected", "payload", "signature");
    private static final ProviderContext BOUNCY_CASTLE_SIGNATURES = new ProviderContext();

    static {
        BOUNCY_CASTLE_SIGNATURES.getSuppliedKeyProviderContext().setSignatureProvider(BouncyCastle.provider().getName());
    }
    // RFC 7515 §2: base64url without padding, nothing else (java.util.Base64 would accept '=').
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*");

    /** Checks the structure of {@code node} and decodes it; {@code malformed} otherwise. */
    static FlattenedJws parse(JsonNode node, String what) {
        if (!(node instanceof ObjectNode object)) {
            throw Problems.malformed(what + " must be a JWS object");
        }
        if (object.has("signatures")) {
            throw Problems.malformed(what + " uses the general JWS serialization; only flattened JSON is allowed");
        }
        if (object.has("header")) {
            throw Problems.malformed(what + " has an unprotected header; only protected headers are allowed");
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                throw Problems.malformed(what + " has an unexpected member \"" + name + "\"");
            }
        }
        String encodedProtected = member(object, "protected", what);
        String encodedPayload = member(object, "payload", what);
        String encodedSignature = member(object, "signature", what);
        decode(encodedSignature, what + " signature");
        ObjectNode header = AcmeJson.parseObject(decode(encodedProtected, what + " protected header"),
                what + " protected header");
        byte[] payload = decode(encodedPayload, what + " payload");
        return new FlattenedJws(encodedProtected, encodedPayload, encodedSignature, header, payload);
    }

    /**
     * A string member of the protected header, or null when absent; {@code malformed} when present
     * but not a string.
     */
    String headerText(String name) {
        JsonNode value = header.get(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw Problems.malformed("JWS protected header member \"" + name + "\" must be a string");
        }
        return value.asText();
    }

    /**
     * Verifies the signature with jose4j, permitting exactly {@code algorithm}.
     *
     * @throws JoseException when jose4j cannot process the JWS or the key
     */
    boolean verifies(Key key, String algorithm) throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, algorithm));
        if (algorithm.startsWith("ES")) {
            jws.setProviderContext(BOUNCY_CASTLE_SIGNATURES); // see AccountKeys.verificationKey
        }
        jws.setCompactSerialization(encodedProtected + "." + encodedPayload + "." + encodedSignature);
        jws.setKey(key);
        return jws.verifySignature();
    }

    private static String member(ObjectNode object, String name, String what) {
        JsonNode value = object.get(name);
        if (value == null) {
            throw Problems.malformed(what + " has no \"" + name + "\" member");
        }
        if (!value.isTextual()) {
            throw Problems.malformed(what + " member \"" + name + "\" must be a string");
        }
        return value.asText();
    }

    private static byte[] decode(String text, String what) {
        if (!BASE64URL.matcher(text).matches()) {
            throw Problems.malformed(what + " is not base64url without padding");
        }
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw Problems.malformed(what + " is not valid base64url");
        }
    }
}
