package io.acmegate.gateway.upstream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps a failing CA from being asked again and again: after {@code threshold} failures in a row it
 * opens for a cool-down (or for the CA's own Retry-After, if longer); when the cool-down has passed,
 * the next order tries the CA again (half-open): a success closes it, a failure opens it anew.
 * Thread-safe.
 */
public final class CircuitBreaker {
    private final int threshold;
    private final Duration coolDown;
    private final Clock clock;
    private int failuresInARow;
    private Instant openUntil = Instant.MIN;
    private String lastReason;

    public CircuitBreaker(int threshold, Duration coolDown, Clock clock) {
        this.threshold = threshold;
        this.coolDown = coolDown;
        this.clock = clock;
    }

    /** Whether the CA may be asked now. */
    public synchronized boolean allows() {
        return !clock.instant().isBefore(openUntil);
    }

    /** Why the breaker is open, for attempt records; null when it is closed. */
    public synchronized String openReason() {
        return allows() ? null : "skipped until " + openUntil + " after repeated failures (last: " + lastReason + ")";
    }

    public synchronized void success() {
        failuresInARow = 0;
        openUntil = Instant.MIN;
    }

    /**
     * @param countsAsUnwell whether the failure says the CA is unwell (unreachable, 5xx); a validation
     *                       failure for one name does not
     * @param retryAfter     the CA's Retry-After, or null
     */
    public synchronized void failure(boolean countsAsUnwell, Duration retryAfter, String reason) {
        lastReason = reason;
        Instant now = clock.instant();
        if (retryAfter != null) {
            openUntil = later(openUntil, now.plus(retryAfter));
        }
        if (countsAsUnwell && ++failuresInARow >= threshold) {
            openUntil = later(openUntil, now.plus(coolDown));
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
