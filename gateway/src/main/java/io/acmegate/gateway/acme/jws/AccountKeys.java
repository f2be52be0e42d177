package io.acmegate.gateway.acme.jws;

import io.acmegate.gateway.ca.BouncyCastle;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.acme.problem.Problems;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * Which client keys acmegate accepts (RFC 8555 §6.2, "badPublicKey" in §6.7) and the one JWS
 * algorithm each kind of key signs with.
 */
final class AccountKeys {
    static final int MIN_RSA_BITS = 2048;
    // Verification cost grows with the modulus: refuse absurd sizes that only cost us CPU.
    static final int MAX_RSA_BITS = 8192;

    // RFC 7518 §6.2.2, §6.3.2 and RFC 8037 §2: members that only a private key has.
    private static final List<String> PRIVATE_MEMBERS = List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private AccountKeys() {
    }

    /**
     * Parses a client's public JWK without judging its strength (used to compare keys).
     * {@code malformed} when it is not an object, {@code badPublicKey} when it is no public key.
     */
    static PublicJsonWebKey parse(JsonNode jwk, String what) {
        if (!(jwk instanceof ObjectNode object)) {
            throw Problems.malformed(what + " must be a JSON object");
        }
        for (String member : PRIVATE_MEMBERS) {
            if (object.has(member)) {
                throw Problems.badPublicKey(what + " must be a public key; it has the private member \""
                        + member + "\"");
            }
        }
        JsonWebKey key;
        try {
            key = JsonWebKey.Factory.newJwk(AcmeJson.MAPPER.convertValue(object, MAP));
        } catch (JoseException | RuntimeException e) {
            // jose4j reports members of the wrong JSON type or bad encodings as runtime exceptions.
            throw Problems.badPublicKey(what + " is not a usable public key: " + e.getMessage());
        }
        if (!(key instanceof PublicJsonWebKey publicKey)) {
            throw Problems.badPublicKey(what + " has key type \"" + key.getKeyType()
                    + "\"; expected RSA, EC or OKP");
        }
        return publicKey;
    }

    /** Parses a client's JWK and checks that acmegate accepts it as an account or signing key. */
    static PublicJsonWebKey parseAcceptable(JsonNode jwk, String what) {
        PublicJsonWebKey key = parse(jwk, what);
        algorithmFor(key, what);
        return key;
    }

    /**
     * The key to verify signatures with. EC keys become BouncyCastle keys: BouncyCastle verifies P-256
     * signatures about four times faster than the JDK (measured here: 100 µs against 400 µs), most of it
     * from precomputation it keeps on the key's point, so a cached key keeps paying off.
     */
    static Key verificationKey(PublicJsonWebKey jwk) {
        if (!(jwk instanceof EllipticCurveJsonWebKey)) {
            return jwk.getPublicKey();
        }
        try {
            return KeyFactory.getInstance("EC", BouncyCastle.provider())
                    .generatePublic(new X509EncodedKeySpec(jwk.getPublicKey().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw Problems.badPublicKey("the EC key cannot be used: " + e.getMessage());
        }
    }

    /** Parses a key acmegate stored itself; a failure is our fault, not the client's. */
    static PublicJsonWebKey parseStored(String json) {
        try {
            return (PublicJsonWebKey) JsonWebKey.Factory.newJwk(json);
        } catch (JoseException | RuntimeException e) {
            throw Problems.serverInternal("stored account key cannot be read");
        }
    }

    /**
     * The JWS algorithm {@code key} signs with (RFC 7518 §3.1, RFC 8037 §3.1): RS256 for RSA,
     * ES256/ES384/ES512 for P-256/P-384/P-521, EdDSA for Ed25519. {@code badPublicKey} for any other key.
     */
    static String algorithmFor(PublicJsonWebKey key, String what) {
        if (key instanceof RsaJsonWebKey rsa) {
            int bits = rsa.getRsaPublicKey().getModulus().bitLength();
            if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
                throw Problems.badPublicKey(what + " is a " + bits + "-bit RSA key; between "
                        + MIN_RSA_BITS + " and " + MAX_RSA_BITS + " bits are accepted");
            }
            return "RS256";
        }
        if (key instanceof EllipticCurveJsonWebKey ec) {
            String curve = ec.getCurveName();
            if (EllipticCurves.P_256.equals(curve)) {
                return "ES256";
            }
            if (EllipticCurves.P_384.equals(curve)) {
                return "ES384";
            }
            if (EllipticCurves.P_521.equals(curve)) {
                return "ES512";
            }
            throw Problems.badPublicKey(what + " uses curve " + curve + "; P-256, P-384 and P-521 are accepted");
        }
        if (key instanceof OctetKeyPairJsonWebKey okp) {
            if (OctetKeyPairJsonWebKey.SUBTYPE_ED25519.equals(okp.getSubtype())) {
                return "EdDSA";
            }
            throw Problems.badPublicKey(what + " is an OKP key of type " + okp.getSubtype()
                    + "; only Ed25519 is accepted");
        }
        throw Problems.badPublicKey(what + " has unsupported key type \"" + key.getKeyType() + "\"");
    }

    /** The RFC 7638 SHA-256 thumbprint, base64url. */
    static String thumbprint(PublicJsonWebKey key) {
        return key.calculateBase64urlEncodedThumbprint("SHA-256");
    }
}
