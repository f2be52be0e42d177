package io.acmegate.benchmarks;

import java.util.Arrays;
import java.util.Collection;

/**
 * The latencies of measured flows, in nanoseconds. One per load thread (not thread-safe); merged
 * once the threads have finished.
 */
final class LatencyLog {

    private long[] nanos = new long[1024];
    private int size;

    void add(long latencyNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = latencyNanos;
    }

    /** All latencies of the given logs, sorted ascending. */
    static long[] mergeSorted(Collection<LatencyLog> logs) {
        long[] all = new long[logs.stream().mapToInt(log -> log.size).sum()];
        int at = 0;
        for (LatencyLog log : logs) {
            System.arraycopy(log.nanos, 0, all, at, log.size);
            at += log.size;
        }
        Arrays.sort(all);
        return all;
    }

    /**
     * The nearest-rank percentile of sorted latencies, in nanoseconds.
     *
     * @param sorted     ascending latencies; may be empty (the result is then 0)
     * @param percentile in (0, 100]
     */
    static long percentile(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }
}
