package io.acmegate.gateway.status;

import io.acmegate.gateway.model.Lineage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Lineages for tests: a client, names and a certificate issued at a given time for a given lifetime. */
public final class TestLineages {
    private TestLineages() {
    }

    public static Lineage.Client client(String id) {
        return new Lineage.Client(id, List.of("mailto:ops@example.test"), null, "127.0.0.1", "test/1");
    }

    /** A new (id 0) lineage whose certificate was issued at {@code issuedAt} with the default window. */
    public static Lineage issued(String clientId, List<String> names, String serial, Instant issuedAt,
                                 Duration lifetime) {
        Instant notAfter = issuedAt.plus(lifetime);
        return new Lineage(0, client(clientId), names, Lineage.Source.GATEWAY,
                new Lineage.CertificateRef("cert-" + serial, serial, issuedAt.minusSeconds(60), notAfter, "local",
                        issuedAt, false),
                RenewalWindows.byDefault(issuedAt, notAfter), null, null, null, List.of(), List.of(), List.of(),
                issuedAt);
    }
}
