package io.acmegate.gateway.status;

import io.acmegate.gateway.ca.Pem;
import io.acmegate.gateway.model.Lineage;
import io.acmegate.gateway.store.Store;
import io.acmegate.gateway.upstream.CaFallback;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Runs on a schedule: asks each issuing CA again for the renewal window of every live certificate whose window came
 * from it, so that a window the CA moves (RFC 9773 §4.2, e.g. before a mass revocation) reaches acmegate's own ARI
 * answers and status, not only the window it had at issuance.
 */
public final class CaWindowRefresh {
    private static final int BATCH = 1000;

    private final LineageBook lineages;
    private final Store store;
    private final CaFallback upstreams;
    private final Clock clock;

    public CaWindowRefresh(LineageBook lineages, Store store, CaFallback upstreams, Clock clock) {
        this.lineages = lineages;
        this.store = store;
        this.upstreams = upstreams;
        this.clock = clock;
    }

    /** @return how many lineages' windows were asked for */
    public int refresh() {
        Instant now = clock.instant();
        int asked = 0;
        long after = 0;
        for (List<Lineage> batch = store.lineages(after, BATCH); !batch.isEmpty(); batch = store.lineages(after, BATCH)) {
            for (Lineage lineage : batch) {
                Lineage.CertificateRef current = lineage.current();
                if (current == null || current.revoked() || !current.notAfter().isAfter(now) || lineage.window() == null
                        || !RenewalWindows.CA.equals(lineage.window().source()) || current.certificateId() == null) {
                    continue;
                }
                asked++;
                store.certificate(current.certificateId()).ifPresent(certificate -> upstreams
                        .upstream(certificate.issuer())
                        .flatMap(upstream -> upstream.renewalWindow(Pem.readCertificates(certificate.chainPem()).get(0)))
                        .ifPresent(window -> lineages.caWindowChanged(lineage.id(), current.serial(), window)));
            }
            after = batch.get(batch.size() - 1).id();
        }
        return asked;
    }
}
