package io.acmegate.gateway.model;

import java.time.Instant;

/**
 * acmegate's own account at an upstream ACME CA.
 *
 * @param name          the configured upstream name
 * @param directory     the CA's directory URL the account belongs to
 * @param sealedKeyPair the account key pair (PKCS#8 PEM), sealed by the secret box
 * @param accountUrl    the account URL the CA assigned, or null until registered
 */
public record UpstreamAccount(String name, String directory, byte[] sealedKeyPair, String accountUrl,
                              Instant createdAt) {
    public UpstreamAccount registered(String url) {
        return new UpstreamAccount(name, directory, sealedKeyPair, url, createdAt);
    }
}
