package io.acmegate.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Durations in plain words for messages that clients and operators read ("3 hours", "1 minute 30 seconds"). */
final class Durations {
    private Durations() {
    }

    /**
     * The duration in days, hours, minutes and seconds, zero parts left out; below one second in
     * milliseconds. Never empty: a zero or negative duration is "0 seconds".
     */
    static String describe(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return "0 seconds";
        }
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            return plural(Math.max(1, duration.toMillis()), "millisecond");
        }
        List<String> parts = new ArrayList<>();
        addPart(parts, duration.toDays(), "day");
        addPart(parts, duration.toHoursPart(), "hour");
        addPart(parts, duration.toMinutesPart(), "minute");
        addPart(parts, duration.toSecondsPart(), "second");
        return String.join(" ", parts);
    }

    /**
     * The duration rounded up to whole seconds, at least one: what an HTTP Retry-After header can carry
     * (RFC 9110 §10.2.3), without telling a client to retry at once while it still has to wait.
     */
    static Duration roundUpToSeconds(Duration duration) {
        long seconds = duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0);
        return Duration.ofSeconds(Math.max(1, seconds));
    }

    private static void addPart(List<String> parts, long amount, String unit) {
        if (amount > 0) {
            parts.add(plural(amount, unit));
        }
    }

    private static String plural(long amount, String unit) {
        return amount + " " + unit + (amount == 1 ? "" : "s");
    }
}
