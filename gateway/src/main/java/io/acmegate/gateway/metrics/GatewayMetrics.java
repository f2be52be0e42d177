package io.acmegate.gateway.metrics;

import io.acmegate.gateway.status.StatusIndex;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;

/**
 * The gateway's Prometheus metrics. Counters are bumped where things happen; the lineage gauges are computed from the
 * {@link StatusIndex} at each scrape, so they are never stale.
 */
public final class GatewayMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter orders;
    private final Counter upstreamAttempts;
    private final Counter challengeAnswers;
    private final Histogram requestSeconds;
    private final StatusIndex index;
    private final Clock clock;
    /** The lineage summary taken for the scrape in progress: one index scan feeds both lineage gauges. */
    private volatile Lineages lineages;

    private record Lineages(StatusIndex.Summary summary, long nowSeconds) {
    }

    public GatewayMetrics(StatusIndex index, Clock clock) {
        this.index = index;
        this.clock = clock;
        orders = Counter.builder().name("acmegate_orders_total")
                .help("Orders that reached a final state after finalize, by outcome and issuing CA")
                .labelNames("outcome", "ca").register(registry);
        upstreamAttempts = Counter.builder().name("acmegate_upstream_attempts_total")
                .help("Attempts to obtain a certificate from an upstream CA account, by CA and outcome")
                .labelNames("ca", "outcome").register(registry);
        challengeAnswers = Counter.builder().name("acmegate_challenge_answers_total")
                .help("Validation requests from upstream CAs answered by acmegate's responders")
                .labelNames("responder").register(registry);
        requestSeconds = Histogram.builder().name("acmegate_request_duration_seconds")
                .help("ACME request latency by resource").labelNames("resource")
                .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
                .register(registry);
        GaugeWithCallback.builder().name("acmegate_lineages")
                .help("Certificate lineages by renewal state").labelNames("state")
                .callback(callback -> lineages.summary().counts()
                        .forEach((state, count) -> callback.call(count, state.label())))
                .register(registry);
        GaugeWithCallback.builder().name("acmegate_earliest_expiry_days")
                .help("Days until the earliest expiry among lineages neither expired nor revoked")
                .callback(callback -> {
                    Lineages taken = lineages;
                    taken.summary().earliestExpiry().ifPresent(notAfter ->
                            callback.call((notAfter - taken.nowSeconds()) / 86_400.0));
                })
                .register(registry);
    }

    public void order(String outcome, String ca) {
        orders.labelValues(outcome, ca == null ? "" : ca).inc();
    }

    public void upstreamAttempt(String ca, String outcome) {
        upstreamAttempts.labelValues(ca, outcome).inc();
    }

    /** @param responder dns or http */
    public void challengeAnswered(String responder) {
        challengeAnswers.labelValues(responder).inc();
    }

    public void request(String resource, Duration took) {
        requestSeconds.labelValues(resource).observe(took.toNanos() / 1e9);
    }

    /** The Prometheus text exposition format (version 0.0.4). */
    public byte[] scrape() {
        java.time.Instant now = clock.instant();
        lineages = new Lineages(index.summary(now), now.getEpochSecond());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape(),
                    io.prometheus.metrics.config.EscapingScheme.ALLOW_UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }
}
