package io.acmegate.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives a set of {@link IssuanceClient}s, one thread each, through a warm-up and a measured phase.
 *
 * <p>A flow is measured when it starts after warm-up; the measured phase ends when the last
 * successful measured flow ends, so that flows/s is certificates over the time they took. A server
 * that stops answering (Pebble 2.4.0 can deadlock) is thus measured up to the stall rather than
 * over the request timeouts that follow. With a duration, no flow starts after the duration has
 * passed; with a flow count, threads take flows until the count is reached. Failed flows are
 * counted and their messages kept, never fatal.
 */
final class LoadRun {

    private static final int ERRORS_KEPT = 5;

    private final List<IssuanceClient> clients;
    private final LoadOptions options;

    private final AtomicInteger flowTickets = new AtomicInteger();
    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicInteger warmupErrors = new AtomicInteger();
    private final AtomicLong lastMeasuredEnd = new AtomicLong(Long.MIN_VALUE);
    private final List<String> firstErrors = Collections.synchronizedList(new ArrayList<>());

    private long warmupEnd;
    private long measureEnd;

    LoadRun(List<IssuanceClient> clients, LoadOptions options) {
        this.clients = List.copyOf(clients);
        this.options = options;
    }

    /** Runs both phases on fresh threads and waits for them; call once. */
    LoadResult run() throws InterruptedException {
        long start = System.nanoTime();
        warmupEnd = start + options.warmup().toNanos();
        measureEnd = warmupEnd + options.duration().toNanos();
        List<LatencyLog> logs = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            IssuanceClient client = clients.get(i);
            LatencyLog log = new LatencyLog();
            logs.add(log);
            threads.add(Thread.ofPlatform().name("load-" + i).start(() -> loop(client, log)));
        }
        // CPU is counted from the end of warm-up to the end of the last flow (a warm-up flow's tail included).
        Thread.sleep(Math.max(0, (warmupEnd - System.nanoTime()) / 1_000_000));
        ProcessHandle server = options.serverPid().isEmpty() ? null : ProcessHandle.of(options.serverPid().getAsLong())
                .orElseThrow(() -> new IllegalStateException("no process " + options.serverPid().getAsLong()));
        ProcessHandle driver = ProcessHandle.current();
        Duration serverAtStart = server == null ? null : cpuTime(server);
        Duration driverAtStart = cpuTime(driver);
        for (Thread thread : threads) {
            thread.join();
        }
        LoadResult.CpuUse cpu = server == null ? null : new LoadResult.CpuUse(
                seconds(cpuTime(server).minus(serverAtStart)), seconds(cpuTime(driver).minus(driverAtStart)));
        long[] sorted = LatencyLog.mergeSorted(logs);
        long end = lastMeasuredEnd.get();
        Duration measured = end == Long.MIN_VALUE ? Duration.ZERO : Duration.ofNanos(end - warmupEnd);
        return new LoadResult(options.target(), sorted.length, errors.get(), measured, sorted,
                issued.get(), warmupErrors.get(), List.copyOf(firstErrors), cpu);
    }

    /** CPU time (user + system) {@code process} has used since it started. */
    private static Duration cpuTime(ProcessHandle process) {
        return process.info().totalCpuDuration().orElseThrow(
                () -> new IllegalStateException("cannot read the CPU time of process " + process.pid()));
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private void loop(IssuanceClient client, LatencyLog log) {
        while (true) {
            long begin = System.nanoTime();
            boolean measuring = begin - warmupEnd >= 0;
            if (measuring && !takeMeasuredFlow(begin)) {
                return;
            }
            try {
                client.issueOne();
                long end = System.nanoTime();
                issued.incrementAndGet();
                if (measuring) {
                    log.add(end - begin);
                    lastMeasuredEnd.accumulateAndGet(end, Math::max);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                (measuring ? errors : warmupErrors).incrementAndGet();
                keep(e);
            }
        }
    }

    /** Whether a flow starting at {@code now} belongs to the measured phase rather than after it. */
    private boolean takeMeasuredFlow(long now) {
        if (options.flows() > 0) {
            return flowTickets.getAndIncrement() < options.flows();
        }
        return now - measureEnd < 0;
    }

    /** The exception and its causes on one line: acme4j wraps the transport failure. */
    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(text.isEmpty() ? "" : " <- ").append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return text.toString();
    }

    private void keep(Exception e) {
        synchronized (firstErrors) {
            if (firstErrors.size() < ERRORS_KEPT) {
                firstErrors.add(describe(e));
            }
        }
    }
}
