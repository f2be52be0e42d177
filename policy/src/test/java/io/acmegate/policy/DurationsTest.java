package io.acmegate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void describesInPlainWordsWithoutZeroParts() {
        assertEquals("3 hours", Durations.describe(Duration.ofHours(3)));
        assertEquals("1 minute 30 seconds", Durations.describe(Duration.ofSeconds(90)));
        assertEquals("2 days 1 second", Durations.describe(Duration.ofDays(2).plusSeconds(1)));
        assertEquals("1 hour 1 minute 1 second", Durations.describe(Duration.ofSeconds(3661)));
        assertEquals("250 milliseconds", Durations.describe(Duration.ofMillis(250)));
        assertEquals("1 millisecond", Durations.describe(Duration.ofNanos(5)));
        assertEquals("0 seconds", Durations.describe(Duration.ZERO));
        assertEquals("0 seconds", Durations.describe(Duration.ofSeconds(-5)));
    }

    @Test
    void roundsUpToWholeSecondsAtLeastOne() {
        assertEquals(Duration.ofSeconds(1), Durations.roundUpToSeconds(Duration.ZERO));
        assertEquals(Duration.ofSeconds(1), Durations.roundUpToSeconds(Duration.ofMillis(1)));
        assertEquals(Duration.ofSeconds(36), Durations.roundUpToSeconds(Duration.ofSeconds(36)));
        assertEquals(Duration.ofSeconds(4), Durations.roundUpToSeconds(Duration.ofNanos(3_333_333_333L)));
    }
}
