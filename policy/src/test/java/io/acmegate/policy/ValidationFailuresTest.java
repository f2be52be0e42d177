package io.acmegate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValidationFailuresTest {
    private static final String CAA = "CAA record for example.com prevents issuance";

    private final MutableClock clock = new MutableClock();
    /** 3 failures within an hour pause the name for a day. */
    private final ValidationFailures failures =
            new ValidationFailures(3, Duration.ofHours(1), Duration.ofDays(1), clock);

    private void fail(String name, int times) {
        for (int i = 0; i < times; i++) {
            failures.recordFailure(name, CAA);
        }
    }

    @Test
    void nameWithoutFailuresIsNotPaused() {
        assertEquals(Optional.empty(), failures.pausedUntil("www.example.com"));
        assertEquals(0, failures.recentFailures("www.example.com"));
    }

    @Test
    void failuresBelowTheLimitDoNotPause() {
        fail("www.example.com", 2);
        assertEquals(Optional.empty(), failures.pausedUntil("www.example.com"));
        assertEquals(2, failures.recentFailures("www.example.com"));
    }

    @Test
    void theLimitthFailurePausesTheNameWithTheLastReason() {
        failures.recordFailure("www.example.com", "timeout");
        clock.advance(Duration.ofMinutes(10));
        failures.recordFailure("www.example.com", "connection refused");
        clock.advance(Duration.ofMinutes(10));
        failures.recordFailure("www.example.com", CAA);
        ValidationFailures.Pause pause = failures.pausedUntil("www.example.com").orElseThrow();
        assertEquals(clock.instant().plus(Duration.ofDays(1)), pause.until());
        assertEquals(CAA, pause.lastReason());
        assertEquals(3, pause.failures());
        assertEquals("upstream validation of www.example.com failed 3 times (last: " + CAA
                + "); no new upstream orders for it until 2026-11-24T10:20:00Z", pause.describe("www.example.com"));
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        fail("www.example.com", 2);
        clock.advance(Duration.ofHours(1));
        failures.recordFailure("www.example.com", CAA);
        assertEquals(Optional.empty(), failures.pausedUntil("www.example.com"));
        assertEquals(1, failures.recentFailures("www.example.com"));
    }

    @Test
    void failuresJustInsideTheWindowCount() {
        fail("www.example.com", 2);
        clock.advance(Duration.ofHours(1).minusNanos(1));
        failures.recordFailure("www.example.com", CAA);
        assertTrue(failures.pausedUntil("www.example.com").isPresent());
    }

    @Test
    void pauseEndsAtItsEndAndTheCountStartsAgain() {
        fail("www.example.com", 3);
        Instant until = failures.pausedUntil("www.example.com").orElseThrow().until();
        clock.set(until.minusNanos(1));
        assertTrue(failures.pausedUntil("www.example.com").isPresent());
        clock.set(until);
        assertEquals(Optional.empty(), failures.pausedUntil("www.example.com"));
        failures.recordFailure("www.example.com", CAA);
        assertEquals(Optional.empty(), failures.pausedUntil("www.example.com"));
        fail("www.example.com", 2);
        assertEquals(until.plus(Duration.ofDays(1)), failures.pausedUntil("www.example.com").orElseThrow().until());
    }

    @Test
    void failuresBeforeAPauseDoNotCountAfterItEvenWithinTheWindow() {
        ValidationFailures shortPause =
                new ValidationFailures(3, Duration.ofHours(1), Duration.ofMinutes(10), clock);
        for (int i = 0; i < 3; i++) {
            shortPause.recordFailure("www.example.com", CAA);
        }
        clock.advance(Duration.ofMinutes(10));
        assertEquals(0, shortPause.recentFailures("www.example.com"));
        shortPause.recordFailure("www.example.com", CAA);
        assertEquals(Optional.empty(), shortPause.pausedUntil("www.example.com"));
        assertEquals(1, shortPause.recentFailures("www.example.com"));
    }

    @Test
    void failuresDuringAPauseUpdateTheReasonButNotTheEnd() {
        fail("www.example.com", 3);
        Instant until = failures.pausedUntil("www.example.com").orElseThrow().until();
        clock.advance(Duration.ofHours(2));
        failures.recordFailure("www.example.com", "DNS problem: NXDOMAIN");
        ValidationFailures.Pause pause = failures.pausedUntil("www.example.com").orElseThrow();
        assertEquals(until, pause.until());
        assertEquals("DNS problem: NXDOMAIN", pause.lastReason());
        assertEquals(4, pause.failures());
    }

    @Test
    void successClearsFailuresAndPause() {
        fail("a.example.com", 2);
        failures.recordSuccess("a.example.com");
        failures.recordFailure("a.example.com", CAA);
        assertEquals(Optional.empty(), failures.pausedUntil("a.example.com"));
        fail("b.example.com", 3);
        failures.recordSuccess("b.example.com");
        assertEquals(Optional.empty(), failures.pausedUntil("b.example.com"));
    }

    @Test
    void namesAreIndependentAndCaseInsensitive() {
        fail("www.example.com", 2);
        failures.recordFailure("WWW.Example.COM", CAA);
        assertTrue(failures.pausedUntil("www.example.com").isPresent());
        assertEquals(Optional.empty(), failures.pausedUntil("api.example.com"));
    }

    @Test
    void oneFailureCanPause() {
        ValidationFailures strict = new ValidationFailures(1, Duration.ofHours(1), Duration.ofMinutes(5), clock);
        strict.recordFailure("x.example.com", CAA);
        assertEquals("upstream validation of x.example.com failed 1 time (last: " + CAA
                + "); no new upstream orders for it until 2026-11-23T10:05:00Z",
                strict.pausedUntil("x.example.com").orElseThrow().describe("x.example.com"));
    }

    @Test
    void recordsAreBoundedAndIdleOnesGoBeforeAPause() {
        ValidationFailures bounded =
                new ValidationFailures(2, Duration.ofMinutes(1), Duration.ofDays(1), clock, 10);
        bounded.recordFailure("paused.example.com", CAA);
        bounded.recordFailure("paused.example.com", CAA);
        for (int i = 0; i < 30; i++) {
            bounded.recordFailure("n" + i + ".example.com", CAA);
            clock.advance(Duration.ofMinutes(2)); // each failure has left the window before the next one
        }
        assertTrue(bounded.nameCount() <= 10, "names kept: " + bounded.nameCount());
        assertTrue(bounded.pausedUntil("paused.example.com").isPresent());
    }

    @Test
    void argumentsAreValidated() {
        assertThrows(IllegalArgumentException.class,
                () -> new ValidationFailures(0, Duration.ofHours(1), Duration.ofHours(1), clock));
        assertThrows(IllegalArgumentException.class,
                () -> new ValidationFailures(1, Duration.ZERO, Duration.ofHours(1), clock));
        assertThrows(IllegalArgumentException.class,
                () -> new ValidationFailures(1, Duration.ofHours(1), Duration.ofHours(-1), clock));
        assertThrows(IllegalArgumentException.class,
                () -> new ValidationFailures(1, Duration.ofHours(1), Duration.ofHours(1), clock, 0));
        assertThrows(NullPointerException.class, () -> failures.recordFailure(null, CAA));
        assertThrows(NullPointerException.class, () -> failures.recordFailure("a.example.com", null));
        assertThrows(NullPointerException.class, () -> failures.pausedUntil(null));
    }
}
