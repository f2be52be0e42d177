package io.acmegate.benchmarks;

import io.acmegate.gateway.model.Lineage;
import io.acmegate.gateway.status.LineageBook;
import io.acmegate.gateway.status.LineageState;
import io.acmegate.gateway.status.StatusIndex;
import io.acmegate.gateway.status.StatusSweep;
import io.acmegate.gateway.status.notify.Notifications;
import io.acmegate.gateway.store.MapDbStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Times, in this process, what recomputing the states of a stored dataset costs: loading the {@link StatusIndex}
 * from the store (what the gateway does at start-up), one {@code summary} and one {@code unsettled} scan over it,
 * the index part of an overdue page, and a {@link StatusSweep} that has {@code --sweep-unsettled} lineages to
 * settle (every k-th lineage is first written back with no notified state; that preparation is not timed). Scan
 * figures are the median of {@code --runs} runs after as many unmeasured ones. No gateway may have the store open.
 *
 * <pre>StatusRecompute --store DATA/acmegate.mapdb [--runs 7] [--load-runs 3] [--sweep-unsettled 40000]</pre>
 */
public final class StatusRecompute {
    private static final Set<String> OPTIONS = Set.of("store", "runs", "load-runs", "sweep-unsettled");

    private StatusRecompute() {
    }

    public static void main(String[] args) throws Exception {
        BenchArgs options = new BenchArgs(args, OPTIONS);
        int runs = options.number("runs", 7);
        int toSettle = options.number("sweep-unsettled", 40_000);
        try (MapDbStore store = MapDbStore.open(Path.of(options.text("store", null)))) {
            StatusIndex index = null;
            double[] loads = new double[options.number("load-runs", 3)];
            for (int r = 0; r < loads.length; r++) {
                long started = System.nanoTime();
                index = StatusIndex.load(store);
                loads[r] = (System.nanoTime() - started) / 1e6;
            }
            System.out.printf("recompute index-load lineages=%d median=%.0fms runs(ms)=%s%n", index.size(),
                    median(loads), join(loads));
            StatusIndex loaded = index;
            Instant now = Instant.now();
            StatusIndex.Summary summary = loaded.summary(now);
            System.out.println("recompute states " + summary.counts().entrySet().stream()
                    .map(e -> e.getKey().label() + "=" + e.getValue()).reduce((a, b) -> a + " " + b).orElse(""));
            time("summary-scan", runs, () -> loaded.summary(Instant.now()));
            time("unsettled-scan", runs, () -> loaded.unsettled(Instant.now()).size());
            time("overdue-page-index-only", runs, () -> loaded.find(new StatusIndex.Filter(LineageState.OVERDUE,
                    null, null), 0, 100, Instant.now()).ids().size());
            System.out.printf("recompute unsettled-now=%d%n", loaded.unsettled(Instant.now()).size());
            if (toSettle > 0) {
                sweep(store, loaded.size(), toSettle);
            }
        }
    }

    /** Unsettles every k-th lineage (untimed), reloads the index, then times one sweep that settles them. */
    private static void sweep(MapDbStore store, int size, int toSettle) {
        int every = Math.max(1, size / toSettle);
        long started = System.nanoTime();
        int marked = 0;
        int position = 0;
        long after = 0;
        for (List<Lineage> batch = store.lineages(after, 10_000); !batch.isEmpty() && marked < toSettle;
             batch = store.lineages(after, 10_000)) {
            List<Lineage> unsettled = new ArrayList<>();
            for (Lineage lineage : batch) {
                if (position++ % every == 0 && marked < toSettle) {
                    unsettled.add(lineage.withNotified(null));
                    marked++;
                }
            }
            store.putLineages(unsettled);
            after = batch.get(batch.size() - 1).id();
        }
        System.out.printf("recompute sweep-prepare unsettled=%d seconds=%.1f (not part of the figure)%n", marked,
                (System.nanoTime() - started) / 1e9);
        StatusIndex index = StatusIndex.load(store);
        Clock clock = Clock.systemUTC();
        StatusSweep sweep = new StatusSweep(new LineageBook(store, index, clock), store,
                new Notifications(List.of()), clock);
        started = System.nanoTime();
        int settled = sweep.sweep();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("recompute sweep settled=%d seconds=%.1f per-lineage=%.2fms unsettled-after=%d%n", settled,
                seconds, seconds * 1000 / Math.max(1, settled), index.unsettled(Instant.now()).size());
    }

    private static void time(String label, int runs, Callable<Object> work) throws Exception {
        for (int r = 0; r < runs; r++) {
            work.call(); // warm-up: the JIT compiles the scan
        }
        double[] millis = new double[runs];
        for (int r = 0; r < runs; r++) {
            long started = System.nanoTime();
            work.call();
            millis[r] = (System.nanoTime() - started) / 1e6;
        }
        System.out.printf("recompute %s median=%.1fms runs(ms)=%s%n", label, median(millis), join(millis));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String join(double[] values) {
        StringBuilder text = new StringBuilder();
        for (double v : values) {
            text.append(text.isEmpty() ? "" : " ").append(String.format("%.1f", v));
        }
        return text.toString();
    }
}
