package io.acmegate.gateway.ca;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The key and certificate chain of the gateway's own HTTPS listener.
 *
 * @param privateKey the key of {@code chain.get(0)}
 * @param chain      the leaf, then the local intermediate (the root is not included)
 */
public record ServerCredentials(PrivateKey privateKey, List<X509Certificate> chain) {

    public ServerCredentials {
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the chain must hold at least the leaf");
        }
    }
}
