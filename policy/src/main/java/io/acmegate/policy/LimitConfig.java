package io.acmegate.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * One token-bucket limit: at most {@code capacity} in a burst, refilled at {@code capacity} per
 * {@code refillPeriod}, one token every {@code refillPeriod / capacity} (the Let's Encrypt model: 300 new
 * orders per 3 hours is a bucket of 300 that gains one order every 36 seconds). Immutable; the constructor
 * throws IllegalArgumentException (one line) if a value is out of range.
 *
 * @param capacity     the bucket size, at least 1
 * @param refillPeriod the time to refill an empty bucket, positive
 */
public record LimitConfig(int capacity, Duration refillPeriod) {

    public LimitConfig {
        Objects.requireNonNull(refillPeriod, "refillPeriod");
        if (capacity < 1) {
            throw new IllegalArgumentException("limit capacity must be at least 1, not " + capacity);
        }
        if (refillPeriod.isNegative() || refillPeriod.isZero()) {
            throw new IllegalArgumentException("limit refill period must be positive, not " + refillPeriod);
        }
        if (refillPeriod.toNanos() / capacity == 0) {
            throw new IllegalArgumentException("limit of " + capacity + " per " + refillPeriod
                    + " refills faster than one token per nanosecond");
        }
    }

    /** {@code n} per {@code period}, as in {@code LimitConfig.per(300, Duration.ofHours(3))}. */
    public static LimitConfig per(int n, Duration period) {
        return new LimitConfig(n, period);
    }

    /** "300 per 3 hours", "5 per hour". */
    public String describe() {
        String period = Durations.describe(refillPeriod);
        return capacity + " per " + (period.startsWith("1 ") ? period.substring(2) : period);
    }
}
