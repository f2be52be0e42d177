package io.acmegate.gateway.upstream.acme;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One configured account at an upstream ACME CA.
 *
 * @param directory      the CA's directory URL
 * @param contact        contact URLs for the account ("mailto:ops@example.com"); may be empty
 * @param eabKeyId       External Account Binding key id (ZeroSSL, Google, most commercial CAs), or null
 * @param eabHmacKey     its HMAC key, base64url, or null
 * @param keyType        the account key: "ec-p256" (default), "ec-p384" or "rsa-2048"
 * @param preferredChain the issuer common name of the preferred alternate chain, or null for the default
 * @param challenges     the challenge types this account may use, in order of preference ("dns-01", "http-01")
 * @param trust          a PEM file of CA certificates to trust for the CA's TLS (private CAs), or null for
 *                       the JVM's trust store
 * @param timeout        how long one issuance may take at this CA, validations included
 */
public record AcmeUpstreamConfig(String name, URI directory, List<String> contact, String eabKeyId, String eabHmacKey,
                                 String keyType, String preferredChain, List<String> challenges, Path trust,
                                 Duration timeout) {
    public static final List<String> CHALLENGE_TYPES = List.of("dns-01", "http-01");

    public AcmeUpstreamConfig {
        contact = List.copyOf(contact);
        challenges = List.copyOf(challenges);
        if (challenges.isEmpty() || !CHALLENGE_TYPES.containsAll(challenges)) {
            throw new IllegalArgumentException("upstream " + name + ": challenges must be among " + CHALLENGE_TYPES
                    + ", not " + challenges);
        }
        if (!List.of("ec-p256", "ec-p384", "rsa-2048").contains(keyType)) {
            throw new IllegalArgumentException("upstream " + name + ": key-type must be ec-p256, ec-p384 or rsa-2048");
        }
        if ((eabKeyId == null) != (eabHmacKey == null)) {
            throw new IllegalArgumentException("upstream " + name + ": eab-kid and eab-hmac go together");
        }
    }
}
