package io.acmegate.gateway.model;

/**
 * What decides a lineage's state, and nothing else: kept by the store beside each lineage, so that the status index
 * of a million lineages loads from these small records instead of decoding every full one. Times are epoch seconds;
 * {@link #NEVER} stands for "no such time" ({@code -NEVER} for a failure that never happened).
 */
public record LineageSummary(long id, String clientId, boolean hasCertificate, boolean revoked, boolean hasEndpoints,
                             long notAfter, long issuedAt, long windowStart, long windowEnd, long failureAt,
                             String notified) {
    public static final long NEVER = Long.MAX_VALUE;

    public static LineageSummary of(Lineage lineage) {
        Lineage.CertificateRef c = lineage.current();
        Lineage.RenewalWindow w = lineage.window();
        return new LineageSummary(lineage.id(), lineage.client().id(), c != null, c != null && c.revoked(),
                !lineage.endpoints().isEmpty(),
                c == null ? NEVER : c.notAfter().getEpochSecond(), c == null ? NEVER : c.issuedAt().getEpochSecond(),
                w == null ? NEVER : w.start().getEpochSecond(), w == null ? NEVER : w.end().getEpochSecond(),
                lineage.lastFailure() == null ? -NEVER : lineage.lastFailure().at().getEpochSecond(),
                lineage.notified());
    }
}
