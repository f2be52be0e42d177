package io.acmegate.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (user + system) a process has used so far, from Linux's /proc/PID/stat. Flows per second on
 * a shared machine depend on what else runs, the driver included; CPU time per flow of each process says
 * what one flow costs the server and what it costs the driver.
 */
final class CpuTime {
    /** USER_HZ: what /proc counts in; 100 on every Linux architecture this runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private CpuTime() {
    }

    /** Seconds of CPU used by {@code pid} ("self" for this process) since it started. */
    static double seconds(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the CPU time of process " + pid + ": " + e.getMessage(), e);
        }
    }
}
