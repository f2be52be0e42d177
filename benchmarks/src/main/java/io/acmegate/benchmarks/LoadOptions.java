package io.acmegate.benchmarks;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of one {@link IssuanceLoad} run, read once from the command line.
 *
 * <p>Exactly one of {@code duration} and {@code flows} bounds the measured phase: a
 * {@code duration} of zero means "run {@code flows} flows", a {@code flows} of zero means
 * "run for {@code duration}".
 *
 * @param target        label printed at the start of every result line
 * @param directory     the ACME directory URL (RFC 8555 §7.1.1)
 * @param trust         PEM file holding the root(s) that sign the server's TLS certificate;
 *                      empty to use the JDK's default trust store
 * @param threads       concurrent clients, each with its own account
 * @param duration      length of the measured phase, or zero when {@code flows} bounds it
 * @param flows         number of measured flows, or zero when {@code duration} bounds it
 * @param namesPerOrder DNS identifiers per order
 * @param domainSuffix  every name ordered is a random label under this suffix
 * @param warmup        time spent issuing before measuring starts (not recorded)
 * @param pollInterval  wait between two polls when the server sends no Retry-After
 * @param maxPollWait   cap on one wait, even when Retry-After asks for longer
 * @param flowTimeout   a flow still unfinished after this long counts as an error
 * @param httpTimeout   connect and response timeout of one HTTP request
 * @param serverPid     the server's process on this machine, whose CPU time per flow is reported; empty for none
 * @param driverWarmup  a server the driver warms its own JVM up on, one thread, before it registers with the
 *                      measured one; empty for none
 */
public record LoadOptions(
        String target,
        URI directory,
        Optional<Path> trust,
        int threads,
        Duration duration,
        int flows,
        int namesPerOrder,
        String domainSuffix,
        Duration warmup,
        Duration pollInterval,
        Duration maxPollWait,
        Duration flowTimeout,
        Duration httpTimeout,
        java.util.OptionalLong serverPid,
        Optional<DriverWarmup> driverWarmup) {

    /**
     * Where and how long the driver warms up before the run: {@code directory}'s TLS root is {@code trust}.
     * For a server that a warm-up would change, such as Pebble, which keeps every authorization in memory and
     * scans them all on each new order: the driver then warms up on a second, throwaway instance.
     */
    public record DriverWarmup(URI directory, Optional<Path> trust, Duration duration) {
    }

    static final String USAGE = """
            usage: IssuanceLoad --directory URL [--trust PEM] [--target LABEL]
                                [--threads N] (--duration S | --flows N) [--warmup S]
                                [--names-per-order K] [--domain-suffix SUFFIX]
                                [--poll-ms MS] [--max-poll-wait-ms MS] [--flow-timeout S] [--http-timeout S]
                                [--server-pid PID]
                                [--driver-warmup S --driver-warmup-directory URL [--driver-warmup-trust PEM]]
            defaults: --threads 8 --duration 20 --warmup 5 --names-per-order 1 --domain-suffix bench.test
                      --poll-ms 20 --max-poll-wait-ms 1000 --flow-timeout 60 --http-timeout 10""";

    /** Thrown for a command line that cannot be run; the message says which option is wrong. */
    static final class BadOptionException extends IllegalArgumentException {
        BadOptionException(String message) {
            super(message);
        }
    }

    /**
     * Reads {@code --name value} pairs.
     *
     * @throws BadOptionException on an unknown option, a missing value, a value that does not
     *                            parse, or when both or neither of --duration and --flows apply
     */
    static LoadOptions parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        List<String> known = List.of("--directory", "--trust", "--target", "--threads", "--duration",
                "--flows", "--warmup", "--names-per-order", "--domain-suffix", "--poll-ms",
                "--max-poll-wait-ms", "--flow-timeout", "--http-timeout", "--server-pid", "--driver-warmup",
                "--driver-warmup-directory", "--driver-warmup-trust");
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String name = rest.removeFirst();
            if (!known.contains(name)) {
                throw new BadOptionException("unknown option " + name);
            }
            if (rest.isEmpty()) {
                throw new BadOptionException(name + " needs a value");
            }
            values.put(name, rest.removeFirst());
        }
        String directoryText = values.get("--directory");
        if (directoryText == null) {
            throw new BadOptionException("--directory is required");
        }
        URI directory = URI.create(directoryText);
        if (values.containsKey("--duration") && values.containsKey("--flows")) {
            throw new BadOptionException("give --duration or --flows, not both");
        }
        int flows = positiveInt(values, "--flows", 0);
        Duration duration = flows > 0 ? Duration.ZERO : seconds(values, "--duration", 20);
        if (flows == 0 && duration.isZero()) {
            throw new BadOptionException("--duration must be > 0");
        }
        Optional<Path> trust = Optional.ofNullable(values.get("--trust")).map(Path::of);
        Optional<DriverWarmup> driverWarmup = Optional.empty();
        if (values.containsKey("--driver-warmup") != values.containsKey("--driver-warmup-directory")
                || values.containsKey("--driver-warmup-trust") && !values.containsKey("--driver-warmup")) {
            throw new BadOptionException("--driver-warmup and --driver-warmup-directory go together"
                    + " (--driver-warmup-trust only with them)");
        }
        if (values.containsKey("--driver-warmup")) {
            driverWarmup = Optional.of(new DriverWarmup(URI.create(values.get("--driver-warmup-directory")),
                    Optional.ofNullable(values.get("--driver-warmup-trust")).map(Path::of).or(() -> trust),
                    seconds(values, "--driver-warmup", 0)));
        }
        return new LoadOptions(
                values.getOrDefault("--target", directory.getAuthority()),
                directory,
                trust,
                Math.max(1, positiveInt(values, "--threads", 8)),
                duration,
                flows,
                Math.max(1, positiveInt(values, "--names-per-order", 1)),
                values.getOrDefault("--domain-suffix", "bench.test"),
                seconds(values, "--warmup", 5),
                Duration.ofMillis(positiveInt(values, "--poll-ms", 20)),
                Duration.ofMillis(positiveInt(values, "--max-poll-wait-ms", 1000)),
                seconds(values, "--flow-timeout", 60),
                seconds(values, "--http-timeout", 10),
                values.containsKey("--server-pid")
                        ? java.util.OptionalLong.of(positiveInt(values, "--server-pid", 0))
                        : java.util.OptionalLong.empty(),
                driverWarmup);
    }

    private static int positiveInt(Map<String, String> values, String name, int fallback) {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value < 0) {
                throw new BadOptionException(name + " must not be negative: " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new BadOptionException(name + " is not a whole number: " + text);
        }
    }

    private static Duration seconds(Map<String, String> values, String name, double fallback) {
        String text = values.get(name);
        try {
            double secs = text == null ? fallback : Double.parseDouble(text);
            if (secs < 0) {
                throw new BadOptionException(name + " must not be negative: " + text);
            }
            return Duration.ofNanos(Math.round(secs * 1e9));
        } catch (NumberFormatException e) {
            throw new BadOptionException(name + " is not a number of seconds: " + text);
        }
    }
}
