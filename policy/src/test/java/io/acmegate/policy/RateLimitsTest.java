package io.acmegate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RateLimitsTest {
    private final MutableClock clock = new MutableClock();
    /** 3 orders per client per 3 minutes (one every minute); 2 per name per 10 minutes (one every 5). */
    private final RateLimits limits = new RateLimits(
            LimitConfig.per(3, Duration.ofMinutes(3)), LimitConfig.per(2, Duration.ofMinutes(10)), clock);

    private static RateLimits.Decision.Limited limited(RateLimits.Decision decision) {
        return assertInstanceOf(RateLimits.Decision.Limited.class, decision);
    }

    private static void assertAllowed(RateLimits.Decision decision) {
        assertInstanceOf(RateLimits.Decision.Allowed.class, decision, () -> decision.toString());
    }

    @Test
    void allowsWithinBothLimitsAndTakesOneTokenFromEachBucket() {
        assertAllowed(limits.tryOrder("client-1", List.of("a.example.com", "b.example.com")));
        assertEquals(2, limits.availableForClient("client-1"));
        assertEquals(1, limits.availableForName("a.example.com"));
        assertEquals(1, limits.availableForName("b.example.com"));
        assertEquals(2, limits.availableForName("c.example.com"));
        assertEquals(3, limits.availableForClient("client-2"));
    }

    @Test
    void clientLimitRefusesWithReasonAndRetryAfter() {
        for (int i = 0; i < 3; i++) {
            assertAllowed(limits.tryOrder("client-1", List.of("n" + i + ".example.com")));
        }
        RateLimits.Decision.Limited refusal = limited(limits.tryOrder("client-1", List.of("n9.example.com")));
        assertEquals(Duration.ofMinutes(1), refusal.retryAfter());
        assertEquals("too many new orders from client client-1: at most 3 per 3 minutes; retry after 1 minute",
                refusal.reason());
        // Another client is not affected.
        assertAllowed(limits.tryOrder("client-2", List.of("n9.example.com")));
    }

    @Test
    void nameLimitIsSharedAcrossClients() {
        assertAllowed(limits.tryOrder("client-1", List.of("www.example.com")));
        assertAllowed(limits.tryOrder("client-2", List.of("www.example.com")));
        RateLimits.Decision.Limited refusal = limited(limits.tryOrder("client-3", List.of("www.example.com")));
        assertEquals(Duration.ofMinutes(5), refusal.retryAfter());
        assertEquals("too many new orders for www.example.com: at most 2 per 10 minutes per name;"
                + " retry after 5 minutes", refusal.reason());
    }

    @Test
    void refusedOrderTakesNoToken() {
        assertAllowed(limits.tryOrder("client-1", List.of("busy.example.com")));
        assertAllowed(limits.tryOrder("client-1", List.of("busy.example.com")));
        limited(limits.tryOrder("client-2", List.of("free.example.com", "busy.example.com")));
        assertEquals(3, limits.availableForClient("client-2"));
        assertEquals(2, limits.availableForName("free.example.com"));
    }

    @Test
    void allowedAgainAfterRetryAfter() {
        for (int i = 0; i < 3; i++) {
            limits.tryOrder("client-1", List.of("n" + i + ".example.com"));
        }
        RateLimits.Decision.Limited refusal = limited(limits.tryOrder("client-1", List.of("x.example.com")));
        clock.advance(refusal.retryAfter().minusSeconds(1));
        limited(limits.tryOrder("client-1", List.of("x.example.com")));
        clock.advance(Duration.ofSeconds(1));
        assertAllowed(limits.tryOrder("client-1", List.of("x.example.com")));
    }

    @Test
    void retryAfterIsTheLongestWaitAndTheReasonNamesItsLimit() {
        // Client bucket: empty for 1 more minute. Name bucket: empty for 5 more minutes.
        RateLimits tight = new RateLimits(
                LimitConfig.per(1, Duration.ofMinutes(1)), LimitConfig.per(1, Duration.ofMinutes(5)), clock);
        assertAllowed(tight.tryOrder("client-1", List.of("www.example.com")));
        RateLimits.Decision.Limited refusal = limited(tight.tryOrder("client-1", List.of("www.example.com")));
        assertEquals(Duration.ofMinutes(5), refusal.retryAfter());
        assertEquals("too many new orders for www.example.com: at most 1 per 5 minutes per name"
                + " (and 1 more limit reached); retry after 5 minutes", refusal.reason());
    }

    @Test
    void retryAfterIsRoundedUpToWholeSeconds() {
        RateLimits perThird = new RateLimits(
                LimitConfig.per(3, Duration.ofSeconds(10)), LimitConfig.per(100, Duration.ofSeconds(1)), clock);
        for (int i = 0; i < 3; i++) {
            assertAllowed(perThird.tryOrder("c", List.of()));
        }
        assertEquals(Duration.ofSeconds(4), limited(perThird.tryOrder("c", List.of())).retryAfter());
    }

    @Test
    void namesCompareCaseInsensitivelyAndCountOncePerOrder() {
        assertAllowed(limits.tryOrder("client-1", List.of("WWW.example.com", "www.EXAMPLE.com")));
        assertEquals(1, limits.availableForName("www.example.com"));
        assertAllowed(limits.tryOrder("client-1", List.of("www.example.com")));
        limited(limits.tryOrder("client-1", List.of("Www.Example.Com")));
    }

    @Test
    void wildcardIsANameOfItsOwn() {
        assertAllowed(limits.tryOrder("client-1", List.of("*.example.com")));
        assertEquals(1, limits.availableForName("*.example.com"));
        assertEquals(2, limits.availableForName("example.com"));
    }

    @Test
    void orderWithoutDnsNamesTakesOnlyTheClientToken() {
        assertAllowed(limits.tryOrder("client-1", List.of()));
        assertEquals(2, limits.availableForClient("client-1"));
    }

    @Test
    void nullsAreRefused() {
        assertThrows(NullPointerException.class, () -> limits.tryOrder(null, List.of()));
        assertThrows(NullPointerException.class, () -> limits.tryOrder("c", null));
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        assertThrows(NullPointerException.class, () -> limits.tryOrder("c", withNull));
        assertThrows(NullPointerException.class,
                () -> new RateLimits(null, LimitConfig.per(1, Duration.ofHours(1)), clock));
    }

    @Test
    void bucketsAreBoundedAndFullOnesAreForgottenFirst() {
        RateLimits bounded = new RateLimits(
                LimitConfig.per(1, Duration.ofHours(1)), LimitConfig.per(1, Duration.ofMinutes(1)), clock, 10);
        assertAllowed(bounded.tryOrder("heavy", List.of("first.example.com")));
        clock.advance(Duration.ofMinutes(2)); // the name bucket is full again, the client's is not
        for (int i = 0; i < 30; i++) {
            bounded.tryOrder("client-" + i, List.of("n" + i + ".example.com"));
        }
        assertTrue(bounded.bucketCount() <= 20, "buckets kept: " + bounded.bucketCount());
        // The most recent keys are still limited.
        limited(bounded.tryOrder("client-29", List.of("other.example.com")));
    }

    @Test
    void concurrentOrdersNeverTakeMoreThanTheCapacity() throws Exception {
        RateLimits shared = new RateLimits(
                LimitConfig.per(50, Duration.ofHours(1)), LimitConfig.per(1000, Duration.ofHours(1)), clock);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String name = "n" + (i % 7) + ".example.com";
            results.add(pool.submit(() -> {
                start.await();
                return shared.tryOrder("client", List.of(name)) instanceof RateLimits.Decision.Allowed;
            }));
        }
        start.countDown();
        int allowed = 0;
        for (Future<Boolean> result : results) {
            allowed += result.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(50, allowed);
        assertEquals(0, shared.availableForClient("client"));
    }
}
