package io.acmegate.gateway.upstream;

import io.acmegate.gateway.model.Lineage;
import java.util.List;

/**
 * What an upstream issued.
 *
 * @param chainPem       the leaf and its issuers exactly as the CA served them
 * @param alternates     alternate chains the CA offered (RFC 8555 §7.4.2, Link rel="alternate")
 * @param upstream       the upstream's configured name
 * @param certificateUrl the certificate's URL at the CA, or null for the local CA
 * @param renewalWindow  the CA's suggested renewal window (RFC 9773), or null when it offers none
 */
public record UpstreamCertificate(String chainPem, List<String> alternates, String upstream, String certificateUrl,
                                  Lineage.RenewalWindow renewalWindow) {
    public UpstreamCertificate {
        alternates = List.copyOf(alternates);
    }
}
