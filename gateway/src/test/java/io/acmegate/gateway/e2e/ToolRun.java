package io.acmegate.gateway.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;

/**
 * The outcome of one external command run by {@link Tool}: its exit code and its standard output and error,
 * interleaved as the command wrote them.
 */
public record ToolRun(List<String> command, int exitCode, String output) {

    public ToolRun {
        command = List.copyOf(command);
    }

    /** Fails the test, showing the command and its output, unless the command exited 0. */
    public ToolRun assertSucceeded() {
        if (exitCode != 0) {
            fail(describe("exited " + exitCode + ", expected 0"));
        }
        return this;
    }

    /** Fails the test, showing the command and its output, if the command exited 0. */
    public ToolRun assertFailed() {
        if (exitCode == 0) {
            fail(describe("exited 0, expected a failure"));
        }
        return this;
    }

    /** A message naming the command, what went wrong and everything it printed. */
    public String describe(String what) {
        return String.join(" ", command) + "\n  " + what + "; its output:\n" + output;
    }
}
