package io.acmegate.gateway.upstream;

import java.util.List;

/**
 * What an upstream issued.
 *
 * @param chainPem       the leaf and its issuers exactly as the CA served them
 * @param alternates     alternate chains the CA offered (RFC 8555 §7.4.2, Link rel="alternate")
 * @param upstream       the upstream's configured name
 * @param certificateUrl the certificate's URL at the CA, or null for the local CA
 */
public record UpstreamCertificate(String chainPem, List<String> alternates, String upstream, String certificateUrl) {
    public UpstreamCertificate {
        alternates = List.copyOf(alternates);
    }
}
