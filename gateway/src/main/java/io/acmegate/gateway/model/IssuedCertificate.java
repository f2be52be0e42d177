package io.acmegate.gateway.model;

import java.time.Instant;

/**
 * A certificate handed to a downstream client.
 *
 * @param serial     hex serial number, lower case: the key for revocation look-ups
 * @param chainPem   the leaf followed by its issuers, as served (RFC 8555 §7.4.2)
 * @param issuer     the upstream that issued it ("local" for the built-in CA)
 * @param revocation set once revoked, else null
 * @param alternates  the other chains the CA offered for the same certificate (RFC 8555 §7.4.2)
 */
public record IssuedCertificate(String id, String accountId, String orderId, String serial, String chainPem,
                                Instant notBefore, Instant notAfter, String issuer, Revocation revocation,
                                java.util.List<String> alternates) {
    public IssuedCertificate {
        alternates = alternates == null ? java.util.List.of() : java.util.List.copyOf(alternates);
    }

    /** RFC 5280 §5.3.1 reason code, and when. */
    public record Revocation(int reason, Instant at) {
    }

    public boolean revoked() {
        return revocation != null;
    }

    public IssuedCertificate revoke(int reason, Instant at) {
        return new IssuedCertificate(id, accountId, orderId, serial, chainPem, notBefore, notAfter, issuer,
                new Revocation(reason, at), alternates);
    }
}
