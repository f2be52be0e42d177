package io.acmegate.gateway.ca;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A certificate and the issuers a client needs to build a path to a trusted root.
 *
 * @param leaf  the issued certificate
 * @param chain the leaf first, then each issuer up to but not including the root (RFC 8446 §4.4.2 lets a
 *              server leave the trust anchor out; RFC 8555 §7.4.2 serves exactly this list)
 */
public record IssuedChain(X509Certificate leaf, List<X509Certificate> chain) {

    public IssuedChain {
        Objects.requireNonNull(leaf, "leaf");
        chain = List.copyOf(chain);
        if (chain.isEmpty() || !chain.get(0).equals(leaf)) {
            throw new IllegalArgumentException("the chain must start with the leaf");
        }
    }

    /** The chain as concatenated PEM: the {@code application/pem-certificate-chain} body of RFC 8555 §7.4.2. */
    public String pem() {
        return Pem.certificates(chain);
    }

    /** The leaf's serial number in lower-case hexadecimal, as {@link java.math.BigInteger#toString(int)} gives it. */
    public String serialHex() {
        return leaf.getSerialNumber().toString(16);
    }
}
