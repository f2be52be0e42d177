package io.acmegate.gateway.issuance;

import java.security.PublicKey;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A CSR that passed {@link CsrCheck}: its signature holds, its key is acceptable and it names exactly
 * the order's identifiers.
 *
 * @param der       the CSR as received (a copy is kept and handed out)
 * @param publicKey the key to certify, as a JCA key
 * @param names     the requested DNS names in lower case; iteration order is the subject common name
 *                  first when the CSR has one, then the subjectAltName order
 */
public record ValidCsr(byte[] der, PublicKey publicKey, Set<String> names) {

    public ValidCsr {
        der = der.clone();
        Objects.requireNonNull(publicKey, "publicKey");
        names = Collections.unmodifiableSet(new LinkedHashSet<>(names));
    }

    @Override
    public byte[] der() {
        return der.clone();
    }
}
