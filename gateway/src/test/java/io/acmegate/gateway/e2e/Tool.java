package io.acmegate.gateway.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one external command (an ACME client, openssl, the gateway's CLI) to completion with a time limit,
 * capturing its standard output and error together.
 *
 * <p>Not thread-safe while being configured; {@link #run()} may be called more than once.
 */
public final class Tool {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(90);

    private final List<String> command;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Duration timeout = DEFAULT_TIMEOUT;
    private Path workingDirectory;

    private Tool(List<String> command) {
        this.command = List.copyOf(command);
    }

    /** A command: the program (looked up on the PATH) followed by its arguments. */
    public static Tool command(String... command) {
        return new Tool(List.of(command));
    }

    /** A command from a list: the program followed by its arguments. */
    public static Tool command(List<String> command) {
        return new Tool(command);
    }

    /** Sets (or overrides) one environment variable for the command; the rest is inherited. */
    public Tool env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** The longest the command may run; past it, it is killed and the test fails. Default 90 s. */
    public Tool timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** The directory the command runs in; default: the test JVM's. */
    public Tool in(Path directory) {
        this.workingDirectory = directory;
        return this;
    }

    /**
     * Runs the command and returns its exit code and output, whatever the exit code.
     * Fails the test if the command cannot be started or does not end within the timeout.
     */
    public ToolRun run() {
        Path outputFile = null;
        try {
            outputFile = Files.createTempFile("acmegate-e2e-tool", ".out");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(outputFile.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            if (workingDirectory != null) {
                builder.directory(workingDirectory.toFile());
            }
            builder.environment().putAll(environment);
            Process process = builder.start();
            boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                String output = Files.readString(outputFile, StandardCharsets.UTF_8);
                fail(new ToolRun(command, -1, output).describe("did not end within " + timeout));
            }
            return new ToolRun(command, process.exitValue(), Files.readString(outputFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return fail("cannot run " + String.join(" ", command) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running " + String.join(" ", command), e);
        } finally {
            deleteQuietly(outputFile);
        }
    }

    /** Runs the command and fails the test, showing its output, unless it exits 0. */
    public ToolRun runSuccessfully() {
        return run().assertSucceeded();
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover temporary file is harmless
        }
    }
}
