package io.acmegate.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** Runs the real {@code curl} binary; a missing curl fails the test rather than skipping it. */
final class Curl {

    record Result(int exitCode, String stdout, String stderr) {

        /** The status code of the last response in {@code -i} output. */
        int lastStatus() {
            int at = stdout.lastIndexOf("HTTP/1.");
            return Integer.parseInt(stdout.substring(at + 9, at + 12));
        }

        /** The body after the last header block of {@code -i} output. */
        String lastBody() {
            return stdout.substring(stdout.lastIndexOf("\r\n\r\n") + 4);
        }

        /** A header of the last response in {@code -i} output (case-insensitive name), or null. */
        String lastHeader(String name) {
            String lastBlock = stdout.substring(stdout.lastIndexOf("HTTP/1."));
            for (String line : lastBlock.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private Curl() {
    }

    static Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add("curl");
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            return fail("curl is not installed (the HTTP-01 responder tests drive the real binary): "
                    + "run scripts/install-test-deps.sh as root, or apt-get install curl. " + e.getMessage());
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process, true));
            String stdout = readAll(process, false);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail("curl did not finish within 30 s: " + command);
            }
            return new Result(process.exitValue(), stdout, stderr.join());
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
            return fail("running " + command + " failed: " + e);
        }
    }

    private static String readAll(Process process, boolean errorStream) {
        try (var in = errorStream ? process.getErrorStream() : process.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
