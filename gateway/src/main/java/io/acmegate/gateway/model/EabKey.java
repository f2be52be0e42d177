package io.acmegate.gateway.model;

import java.time.Instant;
import java.util.List;

/**
 * An External Account Binding key (RFC 8555 §7.3.4) and the names an account bound to it may have.
 *
 * @param hmacKey the HS256 key; a secret: sealed by the secret box when {@code sealed}, else plain
 * @param names   name patterns in the policy module's syntax ("api.example.com", "*.example.com")
 * @param sealed  whether {@code hmacKey} is sealed (stored while a secret key was configured)
 */
public record EabKey(String keyId, byte[] hmacKey, List<String> names, String label, Instant createdAt,
                     boolean sealed) {
    public EabKey {
        names = List.copyOf(names);
    }

    public EabKey withHmacKey(byte[] key, boolean isSealed) {
        return new EabKey(keyId, key, names, label, createdAt, isSealed);
    }
}
