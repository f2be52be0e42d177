package io.acmegate.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code notBefore}/{@code notAfter} members of a newOrder (RFC 8555 §7.4): whether the gateway accepts
 * them, and the validity the CA should then issue. Stateless.
 */
public final class ValidityRequest {
    /** Back-dating allowed to absorb clock skew between client and gateway, no more. */
    static final Duration MAX_BACKDATE = Duration.ofHours(1);
    /** An order expires well before this, so a certificate starting later could never be issued from it. */
    static final Duration MAX_POSTDATE = Duration.ofDays(7);

    /** The validity to issue: from notBefore to notAfter. */
    public record Validity(Instant notBefore, Instant notAfter) {
        public Validity {
            Objects.requireNonNull(notBefore, "notBefore");
            Objects.requireNonNull(notAfter, "notAfter");
        }

        public Duration lifetime() {
            return Duration.between(notBefore, notAfter);
        }
    }

    private ValidityRequest() {
    }

    /**
     * Why the requested validity is refused, or empty when it is accepted (including when nothing is
     * requested). Rules: notAfter later than notBefore and than now; notBefore at most 1 hour in the past and
     * at most 7 days ahead; notAfter at most {@code maxLifetime} after max(notBefore, now).
     *
     * @param notBefore   requested, or null
     * @param notAfter    requested, or null
     * @param now         the gateway's clock
     * @param maxLifetime the longest validity allowed, positive
     * @return one line for a "malformed" problem's detail
     */
    public static Optional<String> check(Instant notBefore, Instant notAfter, Instant now, Duration maxLifetime) {
        return check(notBefore, notAfter, now, maxLifetime, "this gateway allows");
    }

    /** As {@link #check(Instant, Instant, Instant, Duration)} with the profile's lifetime as the maximum. */
    public static Optional<String> check(Instant notBefore, Instant notAfter, Instant now, CertificateProfile profile) {
        return check(notBefore, notAfter, now, profile.lifetime(), "the profile '" + profile.name() + "' allows");
    }

    private static Optional<String> check(Instant notBefore, Instant notAfter, Instant now, Duration maxLifetime,
            String whoAllows) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(maxLifetime, "maxLifetime");
        if (notBefore != null && notAfter != null && !notAfter.isAfter(notBefore)) {
            return Optional.of("notAfter (" + notAfter + ") must be later than notBefore (" + notBefore + ")");
        }
        if (notBefore != null && notBefore.isBefore(now.minus(MAX_BACKDATE))) {
            return Optional.of("notBefore (" + notBefore + ") is more than " + Durations.describe(MAX_BACKDATE)
                    + " in the past; certificates are not back-dated beyond clock skew");
        }
        if (notBefore != null && notBefore.isAfter(now.plus(MAX_POSTDATE))) {
            return Optional.of("notBefore (" + notBefore + ") is more than " + Durations.describe(MAX_POSTDATE)
                    + " ahead; the order would expire before the certificate could be issued");
        }
        if (notAfter != null && !notAfter.isAfter(now)) {
            return Optional.of("notAfter (" + notAfter + ") is not in the future");
        }
        if (notAfter != null) {
            // From the certificate's own start, back-dated or not: that is the validity it will carry.
            Duration validity = Duration.between(notBefore != null ? notBefore : now, notAfter);
            if (validity.compareTo(maxLifetime) > 0) {
                return Optional.of("the requested validity is " + Durations.describe(validity) + "; " + whoAllows
                        + " at most " + Durations.describe(maxLifetime));
            }
        }
        return Optional.empty();
    }

    /**
     * The validity to issue for a request that {@link #check} accepted: from notBefore (now when absent) to
     * notAfter (that start plus {@code defaultLifetime} when absent).
     *
     * @throws IllegalArgumentException if the result would not be a positive validity
     */
    public static Validity lifetime(Instant notBefore, Instant notAfter, Instant now, Duration defaultLifetime) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(defaultLifetime, "defaultLifetime");
        Instant start = notBefore != null ? notBefore : now;
        Instant end = notAfter != null ? notAfter : start.plus(defaultLifetime);
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("validity from " + start + " to " + end + " is empty; check it first");
        }
        return new Validity(start, end);
    }
}
