package io.acmegate.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Drives the status API of a running gateway over the dataset of {@link StatusDataset} and prints one line per
 * scenario: {@code status SCENARIO requests=N errors=E p50=..ms p99=..ms max=..ms}. Each scenario sends
 * {@code --warmup} unmeasured requests, then {@code --requests} measured ones from {@code --threads} threads, one
 * request at a time per thread (closed loop). A response counts as an error unless it is 200 and, for a state
 * query, every lineage in it is in that state.
 *
 * <pre>StatusLoad --admin http://127.0.0.1:PORT --token-file DATA/status.token [--lineages 1000000]
 *            [--clients 50000] [--threads 4] [--warmup 500] [--requests 2000]</pre>
 */
public final class StatusLoad {
    private static final Set<String> OPTIONS = Set.of("admin", "token-file", "lineages", "clients", "threads",
            "warmup", "requests");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String admin;
    private final String token;
    private final int threads;
    private final int warmup;
    private final int requests;

    private StatusLoad(String admin, String token, int threads, int warmup, int requests) {
        this.admin = admin;
        this.token = token;
        this.threads = threads;
        this.warmup = warmup;
        this.requests = requests;
    }

    public static void main(String[] args) throws Exception {
        BenchArgs options = new BenchArgs(args, OPTIONS);
        int lineages = options.number("lineages", 1_000_000);
        int clients = options.number("clients", 50_000);
        StatusLoad load = new StatusLoad(options.text("admin", null),
                Files.readString(Path.of(options.text("token-file", null))).strip(), options.number("threads", 4),
                options.number("warmup", 500), options.number("requests", 2000));

        List<Long> cursors = load.walk("overdue");
        List<Long> deep = cursors.subList(cursors.size() / 2, cursors.size());
        load.run("overdue-first", n -> "/status?state=overdue&limit=100", "overdue");
        load.run("overdue-deep", n -> "/status?state=overdue&limit=100&cursor=" + deep.get(n % deep.size()),
                "overdue");
        load.run("summary", n -> "/status/summary", null);
        load.run("name", n -> {
            int i = new SplittableRandom(n).nextInt(lineages);
            return "/status?name=" + DatasetLineages.names(i, i % clients).get(0);
        }, null);
        load.run("name-domain", n -> "/status?name=customer-" + new SplittableRandom(n).nextInt(clients)
                + ".example.com", null);
    }

    /** Follows the {@code next} cursors of one state from the first page to the last; prints how long it took. */
    private List<Long> walk(String state) throws Exception {
        List<Long> cursors = new ArrayList<>();
        long started = System.nanoTime();
        int pages = 0;
        long cursor = 0;
        do {
            HttpResponse<byte[]> response = get("/status?state=" + state + "&limit=100&cursor=" + cursor);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /status answered " + response.statusCode());
            }
            JsonNode next = JSON.readTree(response.body()).get("next");
            cursor = next == null || next.isNull() ? 0 : Long.parseLong(next.asText());
            pages++;
            if (cursor != 0) {
                cursors.add(cursor);
            }
        } while (cursor != 0);
        System.out.printf("status %s-walk pages=%d lineages~=%d seconds=%.2f%n", state, pages, pages * 100L,
                (System.nanoTime() - started) / 1e9);
        if (cursors.isEmpty()) {
            throw new IllegalStateException("no second page of state " + state + ": is the dataset loaded?");
        }
        return cursors;
    }

    /** Warm-up, then the measured requests; request {@code n} asks for {@code path.apply(n)}. */
    private void run(String scenario, IntFunction<String> path, String expectedState) throws Exception {
        drive(warmup, 1_000_000, path, expectedState);
        Result result = drive(requests, 0, path, expectedState);
        long[] sorted = LatencyLog.mergeSorted(result.logs());
        System.out.printf("status %s requests=%d errors=%d p50=%.1fms p99=%.1fms max=%.1fms%n", scenario,
                sorted.length, result.errors(), LatencyLog.percentile(sorted, 50) / 1e6,
                LatencyLog.percentile(sorted, 99) / 1e6, sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
    }

    private record Result(List<LatencyLog> logs, int errors) {
    }

    private Result drive(int count, int offset, IntFunction<String> path, String expectedState) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        List<LatencyLog> logs = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                LatencyLog log = new LatencyLog();
                logs.add(log);
                running.add(pool.submit(() -> {
                    for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                        long started = System.nanoTime();
                        try {
                            HttpResponse<byte[]> response = get(path.apply(n + offset));
                            log.add(System.nanoTime() - started);
                            if (!valid(response, expectedState)) {
                                errors.incrementAndGet();
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
        return new Result(logs, errors.get());
    }

    private static boolean valid(HttpResponse<byte[]> response, String expectedState) throws Exception {
        if (response.statusCode() != 200) {
            return false;
        }
        if (expectedState == null) {
            return true;
        }
        JsonNode lineages = JSON.readTree(response.body()).get("lineages");
        if (lineages == null || lineages.isEmpty()) {
            return false;
        }
        for (JsonNode lineage : lineages) {
            if (!expectedState.equals(lineage.path("state").asText())) {
                return false;
            }
        }
        return true;
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(admin + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }
}
