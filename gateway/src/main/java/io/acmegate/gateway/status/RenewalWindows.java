package io.acmegate.gateway.status;

import io.acmegate.gateway.model.Lineage.RenewalWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The renewal windows acmegate suggests (RFC 9773 §4.2) when the issuing CA suggests none, and for a mass re-issue.
 */
public final class RenewalWindows {
    public static final String DEFAULT = "default";
    public static final String CA = "ca";
    public static final String REISSUE = "reissue";

    private RenewalWindows() {
    }

    /**
     * The last third of the lifetime is for renewal; the window is the first half of it, so that a lineage is
     * overdue with a sixth of its lifetime left (90 days: due at day 60, overdue at day 75) — enough time to fix
     * a broken client before it expires.
     */
    public static RenewalWindow byDefault(Instant issuedAt, Instant notAfter) {
        Duration lifetime = Duration.between(issuedAt, notAfter);
        return new RenewalWindow(seconds(issuedAt.plus(lifetime.multipliedBy(2).dividedBy(3))),
                seconds(issuedAt.plus(lifetime.multipliedBy(5).dividedBy(6))), null, DEFAULT);
    }

    /** Whole seconds: the precision of X.509 times, and what every client parses. */
    private static Instant seconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * A window that ended when the operator asked for re-issue: RFC 9773 §4.2 has clients renew at once when the
     * window is in the past, and the lineage is overdue until a new certificate arrives.
     */
    public static RenewalWindow reissue(Instant requestedAt) {
        return new RenewalWindow(seconds(requestedAt.minus(Duration.ofHours(1))), seconds(requestedAt), null, REISSUE);
    }
}
