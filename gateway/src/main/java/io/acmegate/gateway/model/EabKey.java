package io.acmegate.gateway.model;

import java.time.Instant;
import java.util.List;

/**
 * An External Account Binding key (RFC 8555 §7.3.4) and the names an account bound to it may have.
 *
 * @param hmacKey the HS256 key; a secret
 * @param names   name patterns in the policy module's syntax ("api.example.com", "*.example.com")
 */
public record EabKey(String keyId, byte[] hmacKey, List<String> names, String label, Instant createdAt) {
    public EabKey {
        names = List.copyOf(names);
    }
}
