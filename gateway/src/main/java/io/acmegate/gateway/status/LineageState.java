package io.acmegate.gateway.status;

import io.acmegate.gateway.model.Lineage;
import io.acmegate.gateway.model.LineageSummary;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a lineage stands on renewal. {@link #of} is the one place that decides it. */
public enum LineageState {
    OK, RENEWAL_DUE, OVERDUE, EXPIRED, FAILING, REVOKED;


    private final String label = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** The name in JSON, metrics and query parameters: ok, renewal-due, overdue, expired, failing, revoked. */
    public String label() {
        return label;
    }

    public static Optional<LineageState> byLabel(String label) {
        return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst();
    }

    /** States worth telling someone about when a lineage enters them. */
    public boolean alarming() {
        return this == OVERDUE || this == FAILING || this == EXPIRED;
    }

    /**
     * The state at {@code now}, all times in epoch seconds. Revocation and expiry outrank everything; a failed order
     * counts only while no certificate was issued after it; then the renewal window decides: inside it the lineage is
     * due, past its end overdue (RFC 9773 §4.2: clients should renew within the window).
     *
     * @param failureAt   the last failed order, or {@code -LineageSummary.NEVER}
     * @param windowStart the window's start, or {@link LineageSummary#NEVER} without a window (then windowEnd too)
     */
    static LineageState of(boolean hasCertificate, boolean revoked, long notAfter, long issuedAt, long windowStart,
                           long windowEnd, long failureAt, long now) {
        if (revoked) {
            return REVOKED;
        }
        if (!hasCertificate) {
            return FAILING; // only a failed first order makes a lineage without a certificate
        }
        if (now >= notAfter) {
            return EXPIRED;
        }
        if (failureAt >= issuedAt) {
            return FAILING;
        }
        if (now >= windowEnd) {
            return OVERDUE;
        }
        return now >= windowStart ? RENEWAL_DUE : OK;
    }

    public static LineageState of(Lineage lineage, Instant now) {
        LineageSummary s = LineageSummary.of(lineage);
        return of(s.hasCertificate(), s.revoked(), s.notAfter(), s.issuedAt(), s.windowStart(), s.windowEnd(),
                s.failureAt(), now.getEpochSecond());
    }
}
