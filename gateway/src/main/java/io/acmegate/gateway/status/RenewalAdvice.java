package io.acmegate.gateway.status;

import io.acmegate.gateway.model.IssuedCertificate;
import io.acmegate.gateway.model.Lineage;
import io.acmegate.gateway.store.Store;

/** The renewal window acmegate suggests for one certificate it issued (RFC 9773 §4.2). */
public final class RenewalAdvice {
    private final Store store;

    public RenewalAdvice(Store store) {
        this.store = store;
    }

    /**
     * The lineage's window while the certificate heads it (the CA's, the default, or a mass re-issue's); for a
     * revoked certificate a window that has passed, so that the client replaces it now; for a certificate already
     * replaced, the default window of its own lifetime.
     */
    public Lineage.RenewalWindow windowFor(IssuedCertificate certificate) {
        if (certificate.revoked()) {
            return RenewalWindows.reissue(certificate.revocation().at());
        }
        return store.lineageOfCertificate(certificate.id())
                .filter(l -> l.current() != null && certificate.id().equals(l.current().certificateId()))
                .map(Lineage::window)
                .orElseGet(() -> RenewalWindows.byDefault(certificate.notBefore(), certificate.notAfter()));
    }
}
