package io.acmegate.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A token bucket of {@link LimitConfig#capacity()} tokens that refills continuously at capacity per
 * {@link LimitConfig#refillPeriod()}; a new bucket is full.
 *
 * <p>Kept as the generic cell rate algorithm: one instant, the time at which the bucket will be full
 * again, in exact nanoseconds and with no background refill. A clock that steps back refills nothing and
 * takes nothing away.
 *
 * <p>Thread-safe: every method is atomic.
 */
public final class TokenBucket {
    private final LimitConfig limit;
    /** Time to earn one token. */
    private final long tokenNanos;
    /** Time to refill the whole bucket: capacity × tokenNanos (≤ the configured period through rounding). */
    private final long fillNanos;
    /** When the bucket is full again; in the past or null for a full bucket. */
    private Instant fullAt;

    /** A full bucket. */
    public TokenBucket(LimitConfig limit) {
        this.limit = Objects.requireNonNull(limit, "limit");
        this.tokenNanos = limit.refillPeriod().toNanos() / limit.capacity();
        this.fillNanos = tokenNanos * limit.capacity();
    }

    public LimitConfig limit() {
        return limit;
    }

    /** Takes one token if the bucket holds one at {@code now}; returns whether it did. */
    public synchronized boolean tryTake(Instant now) {
        if (!canTake(now)) {
            return false;
        }
        take(now);
        return true;
    }

    /** How long from {@code now} until a token is available: zero if one is. */
    public synchronized Duration retryAfter(Instant now) {
        Instant available = availableAt();
        return available == null || !available.isAfter(now) ? Duration.ZERO : Duration.between(now, available);
    }

    /** The whole tokens the bucket holds at {@code now}, 0 to capacity. */
    public synchronized int available(Instant now) {
        if (fullAt == null || !fullAt.isAfter(now)) {
            return limit.capacity();
        }
        long missingNanos = Duration.between(now, fullAt).toNanos();
        long missingTokens = (missingNanos + tokenNanos - 1) / tokenNanos;
        return (int) Math.max(0, limit.capacity() - missingTokens);
    }

    /** Whether the bucket is full at {@code now}: forgetting it then loses nothing. */
    public synchronized boolean isFull(Instant now) {
        return fullAt == null || !fullAt.isAfter(now);
    }

    synchronized boolean canTake(Instant now) {
        Instant available = availableAt();
        return available == null || !available.isAfter(now);
    }

    /** Takes one token; the caller has checked {@link #canTake} under the same lock. */
    synchronized void take(Instant now) {
        Instant base = fullAt == null || fullAt.isBefore(now) ? now : fullAt;
        fullAt = base.plusNanos(tokenNanos);
    }

    /** When at least one token is in the bucket: one token short of full less the time a whole bucket takes. */
    private Instant availableAt() {
        return fullAt == null ? null : fullAt.minusNanos(fillNanos - tokenNanos);
    }

    @Override
    public synchronized String toString() {
        return "TokenBucket[" + limit.describe() + ", full at " + fullAt + "]";
    }
}
