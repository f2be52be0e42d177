package io.acmegate.gateway.e2e;

/**
 * An External Account Binding key as the gateway's {@code eab create} prints it (RFC 8555 §7.3.4).
 *
 * @param keyId   the key identifier a client sends as the EAB JWS {@code kid}
 * @param hmacKey the MAC key, base64url without padding
 */
public record EabCredentials(String keyId, String hmacKey) {
}
