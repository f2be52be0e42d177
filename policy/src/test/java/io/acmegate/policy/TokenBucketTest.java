package io.acmegate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final Instant T0 = MutableClock.START;
    /** Let's Encrypt's new-orders limit: one token every 36 seconds. */
    private static final LimitConfig LE_ORDERS = LimitConfig.per(300, Duration.ofHours(3));

    @Test
    void newBucketIsFullAndEmptiesAfterCapacityTakes() {
        TokenBucket bucket = new TokenBucket(LimitConfig.per(3, Duration.ofMinutes(3)));
        assertTrue(bucket.isFull(T0));
        assertEquals(3, bucket.available(T0));
        assertTrue(bucket.tryTake(T0));
        assertTrue(bucket.tryTake(T0));
        assertTrue(bucket.tryTake(T0));
        assertEquals(0, bucket.available(T0));
        assertFalse(bucket.tryTake(T0));
        assertFalse(bucket.isFull(T0));
    }

    @Test
    void refusedTakeTakesNothing() {
        TokenBucket bucket = new TokenBucket(LimitConfig.per(1, Duration.ofMinutes(1)));
        assertTrue(bucket.tryTake(T0));
        for (int i = 0; i < 5; i++) {
            assertFalse(bucket.tryTake(T0.plusSeconds(30)));
        }
        assertTrue(bucket.tryTake(T0.plusSeconds(60)));
    }

    @Test
    void refillsOneTokenPerPeriodOverCapacity() {
        TokenBucket bucket = new TokenBucket(LE_ORDERS);
        for (int i = 0; i < 300; i++) {
            assertTrue(bucket.tryTake(T0), "take " + i);
        }
        assertFalse(bucket.tryTake(T0));
        assertEquals(Duration.ofSeconds(36), bucket.retryAfter(T0));
        assertFalse(bucket.tryTake(T0.plusSeconds(35)));
        assertEquals(Duration.ofSeconds(1), bucket.retryAfter(T0.plusSeconds(35)));
        assertEquals(1, bucket.available(T0.plusSeconds(36)));
        assertTrue(bucket.tryTake(T0.plusSeconds(36)));
        assertFalse(bucket.tryTake(T0.plusSeconds(36)));
        assertEquals(10, bucket.available(T0.plusSeconds(36 * 11)));
    }

    @Test
    void refillStopsAtCapacity() {
        TokenBucket bucket = new TokenBucket(LimitConfig.per(2, Duration.ofMinutes(2)));
        assertTrue(bucket.tryTake(T0));
        Instant muchLater = T0.plus(Duration.ofDays(1));
        assertEquals(2, bucket.available(muchLater));
        assertTrue(bucket.isFull(muchLater));
        assertTrue(bucket.tryTake(muchLater));
        assertTrue(bucket.tryTake(muchLater));
        assertFalse(bucket.tryTake(muchLater));
    }

    @Test
    void fullAgainAfterTheRefillPeriod() {
        TokenBucket bucket = new TokenBucket(LimitConfig.per(4, Duration.ofMinutes(4)));
        for (int i = 0; i < 4; i++) {
            bucket.tryTake(T0);
        }
        assertFalse(bucket.isFull(T0.plusSeconds(239)));
        assertEquals(3, bucket.available(T0.plusSeconds(239)));
        assertTrue(bucket.isFull(T0.plusSeconds(240)));
    }

    @Test
    void retryAfterIsZeroWhileATokenIsLeft() {
        TokenBucket bucket = new TokenBucket(LimitConfig.per(2, Duration.ofMinutes(2)));
        assertEquals(Duration.ZERO, bucket.retryAfter(T0));
        bucket.tryTake(T0);
        assertEquals(Duration.ZERO, bucket.retryAfter(T0));
        bucket.tryTake(T0);
        assertEquals(Duration.ofMinutes(1), bucket.retryAfter(T0));
    }

    @Test
    void clockSteppingBackRefillsNothing() {
        TokenBucket bucket = new TokenBucket(LimitConfig.per(1, Duration.ofMinutes(1)));
        assertTrue(bucket.tryTake(T0));
        assertFalse(bucket.tryTake(T0.minusSeconds(3600)));
        assertEquals(Duration.ofSeconds(3660), bucket.retryAfter(T0.minusSeconds(3600)));
    }

    @Test
    void nanosecondPrecisionForPeriodsThatDoNotDivideEvenly() {
        // 3 per 10 s: one token every 3.333333333 s.
        TokenBucket bucket = new TokenBucket(LimitConfig.per(3, Duration.ofSeconds(10)));
        for (int i = 0; i < 3; i++) {
            bucket.tryTake(T0);
        }
        assertEquals(Duration.ofNanos(3_333_333_333L), bucket.retryAfter(T0));
        assertFalse(bucket.tryTake(T0.plusNanos(3_333_333_332L)));
        assertTrue(bucket.tryTake(T0.plusNanos(3_333_333_333L)));
    }

    @Test
    void limitConfigIsValidatedAndDescribed() {
        assertThrows(IllegalArgumentException.class, () -> LimitConfig.per(0, Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> LimitConfig.per(1, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> LimitConfig.per(1, Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> LimitConfig.per(10, Duration.ofNanos(5)));
        assertThrows(NullPointerException.class, () -> LimitConfig.per(1, null));
        assertEquals("300 per 3 hours", LE_ORDERS.describe());
        assertEquals("5 per hour", LimitConfig.per(5, Duration.ofHours(1)).describe());
        assertEquals("50 per 7 days", LimitConfig.per(50, Duration.ofDays(7)).describe());
    }
}
