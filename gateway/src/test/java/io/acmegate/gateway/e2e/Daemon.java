package io.acmegate.gateway.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A server program (knotd, unbound, pebble) running in the foreground as a child process for the length of a
 * test class. Its standard output and error go to {@code target/e2e-logs/NAME-TIME.log}, which failure messages
 * quote. {@link #close()} stops it (SIGTERM, then SIGKILL) and never throws.
 */
public final class Daemon implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(50);

    private final String name;
    private final List<String> command;
    private final Path logFile;
    private final Process process;

    private Daemon(String name, List<String> command, Path logFile, Process process) {
        this.name = name;
        this.command = List.copyOf(command);
        this.logFile = logFile;
        this.process = process;
    }

    /**
     * Starts {@code command} with these environment variables set (a null value removes the variable); the rest
     * is inherited.
     *
     * @param name names the log file
     */
    public static Daemon start(String name, List<String> command, Map<String, String> environment) {
        Path logFile = logFile(name);
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            environment.forEach((variable, value) -> {
                if (value == null) {
                    builder.environment().remove(variable);
                } else {
                    builder.environment().put(variable, value);
                }
            });
            return new Daemon(name, command, logFile, builder.start());
        } catch (IOException e) {
            return fail("cannot start " + String.join(" ", command) + ": " + e, e);
        }
    }

    /**
     * Waits until {@code ready} returns true; fails the test, quoting the daemon's output, if the daemon exits
     * first or {@code timeout} passes.
     */
    public void awaitReady(Duration timeout, BooleanSupplier ready) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            if (!process.isAlive()) {
                fail(describe("exited with " + process.exitValue() + " before it was ready"));
            }
            if (ready.getAsBoolean()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                fail(describe("was not ready within " + timeout));
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for " + name);
            }
        }
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the daemon printed so far. */
    public String output() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    /** A failure message naming the daemon, its command, what went wrong and its output. */
    public String describe(String what) {
        return name + " (" + String.join(" ", command) + ") " + what + "; its output (" + logFile + "):\n" + output();
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** {@code target/e2e-logs/NAME-TIME.log}, beside the packaged jar when known. */
    static Path logFile(String name) {
        String jar = System.getProperty("acmegate.jar");
        Path target = jar != null ? Path.of(jar).toAbsolutePath().getParent() : Path.of("target").toAbsolutePath();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        try {
            return Files.createDirectories(target.resolve("e2e-logs")).resolve(name + "-" + stamp + ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
