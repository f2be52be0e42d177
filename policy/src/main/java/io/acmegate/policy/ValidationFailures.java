package io.acmegate.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Stops upstream retries for a name whose validations keep failing. Let's Encrypt pauses a hostname for
 * the whole account after repeated failed validations, and the account is shared by every client of the
 * gateway; so after {@code maxFailures} failed upstream validations of one name within {@code window},
 * the name is paused for {@code pause}: the gateway sends no new upstream order for it and tells the
 * client why.
 *
 * <p>A success clears the name's record. When a pause ends the count starts again from zero: the next
 * attempt is a real retry, and {@code maxFailures} more failures pause the name again. Failures reported
 * during a pause (attempts already under way) update the reason shown but do not lengthen the pause.
 * Names compare case-insensitively.
 *
 * <p>Memory is bounded: past {@code maxNames} names, records that no longer matter (no failure within the
 * window, no pause in force) are forgotten first, then the least recently used ones.
 *
 * <p>Thread-safe.
 */
public final class ValidationFailures {
    /** Enough names for any single gateway. */
    public static final int DEFAULT_MAX_NAMES = 100_000;

    private final int maxFailures;
    private final Duration window;
    private final Duration pause;
    private final Clock clock;
    private final IdleEvictingMap<NameRecord> records;

    /**
     * A name paused for upstream orders.
     *
     * @param until      when the pause ends
     * @param lastReason the reason of the latest failed validation, as recorded
     * @param failures   the failures within the window that led to the pause, and any reported during it
     */
    public record Pause(Instant until, String lastReason, int failures) {
        public Pause {
            Objects.requireNonNull(until, "until");
            Objects.requireNonNull(lastReason, "lastReason");
        }

        /**
         * One line for the client's problem document and for status: "upstream validation of
         * www.example.com failed 5 times (last: ...); no new upstream orders for it until ...".
         */
        public String describe(String name) {
            return "upstream validation of " + DnsNameSyntax.printable(name) + " failed " + failures
                    + (failures == 1 ? " time" : " times") + " (last: " + DnsNameSyntax.printable(lastReason)
                    + "); no new upstream orders for it until " + until;
        }
    }

    /** Like the full constructor, keeping at most {@link #DEFAULT_MAX_NAMES} names. */
    public ValidationFailures(int maxFailures, Duration window, Duration pause, Clock clock) {
        this(maxFailures, window, pause, clock, DEFAULT_MAX_NAMES);
    }

    /**
     * @param maxFailures failures within the window that pause a name, at least 1
     * @param window      how far back failures count, positive
     * @param pause       how long a name stays paused, positive
     * @param clock       the time source; tests pass a controllable one
     * @param maxNames    how many names to keep records for, at least 1
     * @throws IllegalArgumentException one line, if a value is out of range
     * @throws NullPointerException     if an argument is null
     */
    public ValidationFailures(int maxFailures, Duration window, Duration pause, Clock clock, int maxNames) {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(pause, "pause");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1, not " + maxFailures);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("failure window must be positive, not " + window);
        }
        if (pause.isNegative() || pause.isZero()) {
            throw new IllegalArgumentException("pause must be positive, not " + pause);
        }
        this.maxFailures = maxFailures;
        this.window = window;
        this.pause = pause;
        this.records = new IdleEvictingMap<>(maxNames, NameRecord::isIdle);
    }

    /**
     * Records a failed upstream validation of the name; pauses the name when this failure is the
     * {@code maxFailures}-th within the window.
     *
     * @param name   the DNS name as ordered
     * @param reason why the validation failed, in one line (the CA's problem detail)
     * @throws NullPointerException if an argument is null
     */
    public synchronized void recordFailure(String name, String reason) {
        Objects.requireNonNull(reason, "reason");
        Instant now = clock.instant();
        NameRecord record = records.getOrCreate(key(name), NameRecord::new);
        record.endPauseIfOver(now);
        record.lastReason = reason;
        if (record.pausedUntil != null) {
            record.failuresAtPause++;
            return;
        }
        record.failures.addLast(now);
        record.dropOlderThan(now.minus(window));
        if (record.failures.size() >= maxFailures) {
            record.pausedUntil = now.plus(pause);
            record.failuresAtPause = record.failures.size();
            record.failures.clear();
        }
        records.trim(now);
    }

    /** Records a successful validation: the name's failures and any pause are forgotten. */
    public synchronized void recordSuccess(String name) {
        records.remove(key(name));
    }

    /** The pause in force for the name now, or empty if upstream orders for it may go ahead. */
    public synchronized Optional<Pause> pausedUntil(String name) {
        NameRecord record = records.get(key(name));
        if (record == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        record.endPauseIfOver(now);
        if (record.pausedUntil == null) {
            return Optional.empty();
        }
        return Optional.of(new Pause(record.pausedUntil, record.lastReason, record.failuresAtPause));
    }

    /** How many failures within the window count against the name now (0 while paused: see the class comment). */
    public synchronized int recentFailures(String name) {
        NameRecord record = records.get(key(name));
        if (record == null) {
            return 0;
        }
        Instant now = clock.instant();
        record.endPauseIfOver(now);
        record.dropOlderThan(now.minus(window));
        return record.failures.size();
    }

    /** How many names have a record. For tests and metrics. */
    synchronized int nameCount() {
        return records.size();
    }

    private static String key(String name) {
        return Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
    }

    /** One name's failures. Guarded by the owner's lock. */
    private final class NameRecord {
        /** Failure times within the window, oldest first; empty while paused. */
        final ArrayDeque<Instant> failures = new ArrayDeque<>();
        String lastReason;
        Instant pausedUntil;
        int failuresAtPause;

        void dropOlderThan(Instant cutoff) {
            while (!failures.isEmpty() && !failures.peekFirst().isAfter(cutoff)) {
                failures.removeFirst();
            }
        }

        void endPauseIfOver(Instant now) {
            if (pausedUntil != null && !pausedUntil.isAfter(now)) {
                pausedUntil = null;
                failuresAtPause = 0;
            }
        }

        boolean isIdle(Instant now) {
            endPauseIfOver(now);
            dropOlderThan(now.minus(window));
            return pausedUntil == null && failures.isEmpty();
        }
    }
}
