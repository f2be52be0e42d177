package io.acmegate.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What one load run measured.
 *
 * @param target        the label of the server measured
 * @param flows         measured flows that ended with a downloaded certificate
 * @param errors        measured flows that failed
 * @param measured      from the end of warm-up to the end of the last successful measured flow
 * @param sortedNanos   latencies of the successful measured flows, ascending
 * @param issued        certificates downloaded in the whole run, warm-up included
 * @param warmupErrors  flows that failed during warm-up
 * @param firstErrors   the first few error messages, warm-up included
 * @param cpu           CPU time of server and driver in the measured phase; null when no server pid was given
 */
record LoadResult(
        String target,
        int flows,
        int errors,
        Duration measured,
        long[] sortedNanos,
        int issued,
        int warmupErrors,
        List<String> firstErrors,
        CpuUse cpu) {

    /**
     * CPU seconds (user + system) each process used from the end of warm-up to the end of the last flow. Flows per
     * second on a shared machine depend on what else runs, the driver included; CPU time per flow says what one
     * flow costs the server and what it costs the driver.
     */
    record CpuUse(double serverSeconds, double driverSeconds) {
    }

    /** Successful measured flows per second; 0 when nothing was measured. */
    double flowsPerSecond() {
        double seconds = measured.toNanos() / 1e9;
        return seconds > 0 ? flows / seconds : 0;
    }

    /** "target flows=N errors=E duration=Ss flows/s=X p50=Yms p99=Zms" */
    String summaryLine() {
        return String.format(Locale.ROOT, "%s flows=%d errors=%d duration=%.1fs flows/s=%.1f p50=%.1fms p99=%.1fms",
                target, flows, errors, measured.toNanos() / 1e9, flowsPerSecond(),
                LatencyLog.percentile(sortedNanos, 50) / 1e6, LatencyLog.percentile(sortedNanos, 99) / 1e6);
    }

    /**
     * "target cpu-ms/flow server=X driver=Y": CPU time per successful measured flow; empty without a server
     * pid or without flows.
     */
    java.util.Optional<String> cpuLine() {
        if (cpu == null || flows == 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format(Locale.ROOT, "%s cpu-ms/flow server=%.2f driver=%.2f", target,
                cpu.serverSeconds() * 1000 / flows, cpu.driverSeconds() * 1000 / flows));
    }

    /** "target issued=N warmup-errors=E": every certificate this run made the server issue. */
    String issuedLine() {
        return String.format(Locale.ROOT, "%s issued=%d warmup-errors=%d", target, issued, warmupErrors);
    }
}
