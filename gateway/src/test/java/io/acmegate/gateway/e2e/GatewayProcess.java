package io.acmegate.gateway.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The packaged gateway ({@code acmegate.jar serve}) running as a child process on loopback, on a data directory
 * of its own, for end-to-end tests.
 *
 * <p>{@link #start(String, String...)} returns once the gateway printed {@code ready}; the labelled lines it printed
 * before (directory URL, admin API, acme-dns API, DNS and HTTP-01 responders, root certificate) are parsed. Every
 * listener gets a free loopback port. Everything the gateway prints is kept in memory and
 * written to {@code target/e2e-logs/NAME-TIME.log}. {@link #kill9()} and {@link #restart()} simulate a crash
 * on the same data directory and the same ports, so that URLs clients hold stay valid. {@link #close()} stops the
 * process whatever its state and deletes the data directory; it never throws.
 *
 * <p>Not thread-safe: drive it from the test thread.
 */
public final class GatewayProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    /** serve's port options: all set, so that no listener falls back to a fixed default port. */
    private static final List<String> LISTENER_OPTIONS =
            List.of("acme-port", "admin-port", "acme-dns-port", "dns-port", "http01-port");
    private static final Pattern LABELLED_LINE = Pattern.compile("^([a-z][a-z0-9-]*): (.+)$");

    private final Path jar;
    private final Path dataDirectory;
    private final Path logFile;
    private final List<String> extraArguments;
    private final Map<String, String> environment;
    private final StringBuffer output = new StringBuffer();
    private Process process;
    private Map<String, String> labels = Map.of();

    private GatewayProcess(Path jar, Path dataDirectory, Path logFile, List<String> extraArguments,
                           Map<String, String> environment) {
        this.jar = jar;
        this.dataDirectory = dataDirectory;
        this.logFile = logFile;
        this.extraArguments = List.copyOf(extraArguments);
        this.environment = Map.copyOf(environment);
    }

    /**
     * Starts the gateway on a new, empty data directory with free loopback ports, and waits until it is ready.
     *
     * @param name           names the log file (usually the test class)
     * @param extraArguments further {@code serve} options, e.g. {@code "--dns-zone", "acme.gateway.test"}
     */
    public static GatewayProcess start(String name, String... extraArguments) {
        return start(name, Map.of(), extraArguments);
    }

    /**
     * As {@link #start(String, String...)}, with these environment variables set for the gateway (and for every
     * {@link #restart()}), e.g. {@code ACMEGATE_SECRET_KEY}; the rest of the environment is inherited.
     */
    public static GatewayProcess start(String name, Map<String, String> environment, String... extraArguments) {
        Path jar = packagedJar();
        try {
            Path dataDirectory = Files.createTempDirectory("acmegate-e2e-data");
            Path logDirectory = Files.createDirectories(jar.toAbsolutePath().getParent().resolve("e2e-logs"));
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
            GatewayProcess gateway = new GatewayProcess(jar, dataDirectory,
                    logDirectory.resolve(name + "-" + stamp + ".log"), List.of(extraArguments), environment);
            try {
                gateway.launch(Map.of());
            } catch (Throwable failedToStart) {
                gateway.close();
                throw failedToStart;
            }
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ACME directory URL ({@code https://127.0.0.1:PORT/...}). */
    public URI directory() {
        return URI.create(label("acme-directory"));
    }

    /** The admin API base URL. */
    public URI adminApi() {
        return URI.create(label("admin-api"));
    }

    /** The acme-dns API base URL ({@code https://127.0.0.1:PORT}), served with a certificate from the local CA. */
    public URI acmeDnsApi() {
        return URI.create(label("acme-dns-api"));
    }

    /** The zone the DNS responder is authoritative for, under which delegation labels live. */
    public String delegationZone() {
        return label("delegation-zone");
    }

    /** The port of the DNS responder on 127.0.0.1 (UDP and TCP). */
    public int dnsResponderPort() {
        return hostPortOf("dns-responder");
    }

    /** The HTTP-01 responder's base URL. */
    public URI http01Responder() {
        return URI.create(label("http01-responder"));
    }

    /** The local CA's root certificate (PEM), the trust anchor for both the ACME server's TLS and issued chains. */
    public Path rootCertificate() {
        return Path.of(label("root-certificate"));
    }

    /** The value of one labelled line the gateway printed before {@code ready}; fails the test if absent. */
    public String label(String name) {
        String value = labels.get(name);
        if (value == null) {
            fail("the gateway printed no '" + name + ":' line before 'ready'; it printed:\n" + output);
        }
        return value;
    }

    /** The data directory (MapDB store and {@code ca/}). */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Everything the gateway printed so far, over all its runs. */
    public String output() {
        return output.toString();
    }

    /** Where the gateway's output is written. */
    public Path logFile() {
        return logFile;
    }

    /** Whether the current gateway process is running. */
    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Creates an External Account Binding key for these names with the gateway's CLI, on the same data directory. */
    public EabCredentials createEab(String... names) {
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(List.of("eab", "create", "--data", dataDirectory.toString(), "--names", String.join(",", names)));
        ToolRun run = Tool.command(command).timeout(Duration.ofSeconds(60)).runSuccessfully();
        Map<String, String> printed = labelledLines(run.output().lines().toList());
        String keyId = printed.get("eab-key-id");
        String hmacKey = printed.get("eab-hmac-key");
        if (keyId == null || hmacKey == null) {
            fail(run.describe("printed no 'eab-key-id:' and 'eab-hmac-key:' lines"));
        }
        return new EabCredentials(keyId, hmacKey);
    }

    /**
     * Runs the gateway's command line ({@code java -jar acmegate.jar ARGUMENTS --data DIR}) on this gateway's data
     * directory, so that it talks to this running gateway, and returns what it printed and its exit code.
     */
    public ToolRun cli(String... arguments) {
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(List.of(arguments));
        command.addAll(List.of("--data", dataDirectory.toString()));
        return Tool.command(command).timeout(Duration.ofSeconds(60)).run();
    }

    /** Kills the gateway with SIGKILL, as a crash or an OOM killer would, and waits until it is gone. */
    public void kill9() {
        requireAlive("kill -9");
        process.destroyForcibly();
        awaitExit(STOP_TIMEOUT);
        appendOutput("---- e2e harness: gateway killed with SIGKILL ----");
    }

    /**
     * Stops the gateway with SIGTERM and waits for it to exit; fails the test if it does not exit in time
     * (then it is killed).
     *
     * @return the exit code
     */
    public int stop() {
        requireAlive("stop");
        process.destroy();
        if (!awaitExit(STOP_TIMEOUT)) {
            process.destroyForcibly();
            awaitExit(STOP_TIMEOUT);
            fail("the gateway did not exit within " + STOP_TIMEOUT + " of SIGTERM; its output:\n" + output);
        }
        return process.exitValue();
    }

    /**
     * Starts the gateway again on the same data directory, with the same options and on the same ports (every
     * listener it printed), after {@link #kill9()} or {@link #stop()}.
     */
    public void restart() {
        if (isAlive()) {
            fail("restart() needs the gateway stopped first (kill9() or stop())");
        }
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("acme-port", directory().getPort());
        ports.put("admin-port", adminApi().getPort());
        if (labels.containsKey("acme-dns-api")) {
            ports.put("acme-dns-port", acmeDnsApi().getPort());
        }
        if (labels.containsKey("dns-responder")) {
            ports.put("dns-port", dnsResponderPort());
        }
        if (labels.containsKey("http01-responder")) {
            ports.put("http01-port", http01Responder().getPort());
        }
        appendOutput("---- e2e harness: restarting the gateway on ports " + ports + " ----");
        launch(ports);
    }

    /** Stops the process (SIGTERM, then SIGKILL), and deletes the data directory. Never throws. */
    @Override
    public void close() {
        if (isAlive()) {
            process.destroy();
            if (!awaitExit(STOP_TIMEOUT)) {
                process.destroyForcibly();
                awaitExit(STOP_TIMEOUT);
            }
        }
        deleteRecursively(dataDirectory);
    }

    /** Starts {@code serve}; every listener not named in {@code ports} (option name to port) gets a free port. */
    private void launch(Map<String, Integer> ports) {
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(List.of("serve", "--data", dataDirectory.toString(), "--host", "127.0.0.1"));
        for (String option : LISTENER_OPTIONS) {
            command.addAll(List.of("--" + option, Integer.toString(ports.getOrDefault(option, 0))));
        }
        command.addAll(extraArguments);
        CompletableFuture<Map<String, String>> ready = new CompletableFuture<>();
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            fail("cannot start " + String.join(" ", command) + ": " + e, e);
        }
        Thread reader = new Thread(() -> readOutput(process, ready), "gateway-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        try {
            labels = ready.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            awaitExit(STOP_TIMEOUT);
            fail("the gateway printed no 'ready' within " + READY_TIMEOUT + " (" + String.join(" ", command)
                    + "); its output:\n" + output);
        } catch (ExecutionException e) {
            awaitExit(STOP_TIMEOUT);
            String exit = process.isAlive() ? "closed its output" : "exited with " + process.exitValue();
            fail("the gateway " + exit + " before printing 'ready' (" + String.join(" ", command)
                    + "); its output:\n" + output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while waiting for the gateway to be ready", e);
        }
    }

    /** Copies the process's output to memory and the log file; completes {@code ready} at the "ready" line. */
    private void readOutput(Process running, CompletableFuture<Map<String, String>> ready) {
        List<String> beforeReady = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(running.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                appendOutput(line);
                if (!ready.isDone()) {
                    if (line.strip().equals("ready")) {
                        ready.complete(labelledLines(beforeReady));
                    } else {
                        beforeReady.add(line);
                    }
                }
            }
        } catch (IOException e) {
            appendOutput("---- e2e harness: reading the gateway's output failed: " + e + " ----");
        }
        ready.completeExceptionally(new IllegalStateException("output ended before 'ready'"));
    }

    private synchronized void appendOutput(String line) {
        output.append(line).append('\n');
        try (Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            log.write(line + "\n");
        } catch (IOException ignored) {
            // the in-memory copy is what failure messages use
        }
    }

    /** The first value of each "label: value" line. */
    private static Map<String, String> labelledLines(List<String> lines) {
        Map<String, String> labelled = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher matcher = LABELLED_LINE.matcher(line.strip());
            if (matcher.matches()) {
                labelled.putIfAbsent(matcher.group(1), matcher.group(2).strip());
            }
        }
        return labelled;
    }

    /** The port of a "label: HOST:PORT" line. */
    private int hostPortOf(String label) {
        String value = label(label);
        int colon = value.lastIndexOf(':');
        try {
            return Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return fail("the gateway's '" + label + ":' line is not HOST:PORT: " + value);
        }
    }

    private List<String> javaCommand() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return List.of(java, "-jar", jar.toString());
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void requireAlive(String action) {
        if (!isAlive()) {
            fail(action + ": the gateway is not running; its output:\n" + output);
        }
    }

    private static Path packagedJar() {
        String property = System.getProperty("acmegate.jar");
        if (property == null) {
            return fail("system property acmegate.jar is not set: run the end-to-end tests with"
                    + " 'mvn -pl gateway -am verify' (failsafe sets it to the packaged jar)");
        }
        Path jar = Path.of(property);
        if (!Files.isRegularFile(jar)) {
            return fail("the packaged gateway " + jar + " does not exist: build it with 'mvn -pl gateway -am package'");
        }
        return jar;
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary directory is harmless
        }
    }
}
