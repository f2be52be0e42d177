package io.acmegate.gateway.status.probe;

import io.acmegate.gateway.model.Lineage;
import io.acmegate.gateway.status.LineageBook;
import io.acmegate.gateway.status.notify.Notifications;
import io.acmegate.gateway.store.Store;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * "Issued" is not "deployed": connects to every endpoint of every lineage that has some and records whether the
 * certificate served there is the lineage's current one, an older one of the same lineage, one it does not know,
 * or none (unreachable). The first time an endpoint is found serving an older certificate, notifiers are told.
 */
public final class DeploymentProbe {
    public static final String CURRENT = "current";
    public static final String OLDER = "older";
    public static final String UNKNOWN = "unknown";
    public static final String UNREACHABLE = "unreachable";

    private final LineageBook lineages;
    private final Store store;
    private final TlsProbe tls;
    private final Notifications notifications;
    private final Clock clock;

    public DeploymentProbe(LineageBook lineages, Store store, TlsProbe tls, Notifications notifications, Clock clock) {
        this.lineages = lineages;
        this.store = store;
        this.tls = tls;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** Probes every lineage that has endpoints. */
    public void probeAll() {
        lineages.index().withEndpoints().forEach(this::probe);
    }

    /** Probes one lineage's endpoints and records the results. */
    public List<Lineage.ProbeResult> probe(long lineageId) {
        Lineage lineage = store.lineage(lineageId).orElse(null);
        if (lineage == null || lineage.current() == null) {
            return List.of();
        }
        List<Lineage.ProbeResult> results = new ArrayList<>();
        for (Lineage.Endpoint endpoint : lineage.endpoints()) {
            Lineage.ProbeResult result = check(lineage, endpoint);
            results.add(result);
            boolean wasOlder = lineage.deployment().stream()
                    .anyMatch(r -> r.endpoint().equals(endpoint) && r.result().equals(OLDER));
            if (result.result().equals(OLDER) && !wasOlder) {
                notifications.send("deployment-stale", lineage, OLDER, endpoint.host() + ":" + endpoint.port()
                        + " serves " + result.servedSerial() + ", not the current " + lineage.current().serial(),
                        result.checkedAt());
            }
        }
        lineages.probed(lineageId, results);
        return results;
    }

    private Lineage.ProbeResult check(Lineage lineage, Lineage.Endpoint endpoint) {
        Instant now = clock.instant();
        try {
            String serial = tls.servedCertificate(endpoint).getSerialNumber().toString(16);
            String result = serial.equals(lineage.current().serial()) ? CURRENT
                    : lineage.previousSerials().contains(serial) ? OLDER : UNKNOWN;
            return new Lineage.ProbeResult(endpoint, result, serial, null, now);
        } catch (IOException | RuntimeException e) {
            return new Lineage.ProbeResult(endpoint, UNREACHABLE, null, e.getClass().getSimpleName() + ": "
                    + e.getMessage(), now);
        }
    }
}
