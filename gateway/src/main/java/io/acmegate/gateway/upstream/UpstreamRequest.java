package io.acmegate.gateway.upstream;

import io.acmegate.gateway.model.CertificateTerms;
import io.acmegate.gateway.model.Identifier;
import java.util.List;

/**
 * One certificate to obtain upstream.
 *
 * @param orderId     the downstream order, for logs and the audit trail
 * @param identifiers exactly the names of the downstream order
 * @param csr         the downstream client's CSR (DER); the gateway never holds the client's key
 * @param replaces    the RFC 9773 certificate identifier of the certificate this one replaces, to be sent
 *                    only to the upstream that issued it; null otherwise
 * @param terms       the profile and validity the client asked for; null for the default profile
 */
public record UpstreamRequest(String orderId, List<Identifier> identifiers, byte[] csr, String replaces,
                              CertificateTerms terms) {
    public UpstreamRequest {
        identifiers = List.copyOf(identifiers);
    }

    public UpstreamRequest withoutReplaces() {
        return new UpstreamRequest(orderId, identifiers, csr, null, terms);
    }
}
