package io.acmegate.benchmarks;

import io.acmegate.gateway.model.Lineage;
import io.acmegate.gateway.store.MapDbStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes the status benchmark's lineages ({@link DatasetLineages}) into a MapDB store file, in batches (one
 * {@code putLineages} write each). No gateway may have the file open. Prints one {@code dataset ...} line with the
 * time it took and the size of the file.
 *
 * <pre>StatusDataset --store DATA/acmegate.mapdb [--lineages 1000000] [--clients 50000] [--batch 10000]
 *               [--seed 1] [--now EPOCH_SECONDS]</pre>
 */
public final class StatusDataset {
    private static final Set<String> OPTIONS = Set.of("store", "lineages", "clients", "batch", "seed", "now");

    private StatusDataset() {
    }

    public static void main(String[] args) throws Exception {
        BenchArgs options = new BenchArgs(args, OPTIONS);
        Path file = Path.of(options.text("store", null));
        int total = options.number("lineages", 1_000_000);
        int batchSize = options.number("batch", 10_000);
        long now = Long.parseLong(options.text("now", Long.toString(Instant.now().getEpochSecond())));
        DatasetLineages dataset = new DatasetLineages(options.number("clients", 50_000),
                options.number("seed", 1), Instant.ofEpochSecond(now));

        long started = System.nanoTime();
        long[] perState = new long[io.acmegate.gateway.status.LineageState.values().length];
        try (MapDbStore store = MapDbStore.open(file)) {
            for (int from = 0; from < total; from += batchSize) {
                List<Lineage> batch = new ArrayList<>(batchSize);
                for (int i = from; i < Math.min(total, from + batchSize); i++) {
                    batch.add(dataset.lineage(i, true));
                    perState[dataset.state(i).ordinal()]++;
                }
                store.putLineages(batch);
                int written = Math.min(total, from + batchSize);
                if (written % 100_000 == 0 || written == total) {
                    System.out.printf("dataset progress lineages=%d seconds=%.1f%n", written,
                            (System.nanoTime() - started) / 1e9);
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        StringBuilder mix = new StringBuilder();
        for (var state : io.acmegate.gateway.status.LineageState.values()) {
            mix.append(' ').append(state.label()).append('=').append(perState[state.ordinal()]);
        }
        System.out.printf("dataset lineages=%d seconds=%.1f lineages/s=%.0f store-mib=%.1f now=%d%n", total, seconds,
                total / seconds, Files.size(file) / 1048576.0, now);
        System.out.println("dataset mix" + mix);
    }
}
