package io.acmegate.gateway.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Checks, before an end-to-end test class runs, that the external programs it drives are installed.
 * A missing program fails the test (never skips it), naming the script that installs it.
 */
public final class RequiredTools {

    private RequiredTools() {
    }

    /** Fails the test unless every named command is an executable file on the PATH. */
    public static void assertInstalled(String... commands) {
        List<String> missing = Arrays.stream(commands).filter(command -> !onPath(command)).toList();
        if (!missing.isEmpty()) {
            fail("end-to-end test tools missing: " + String.join(", ", missing)
                    + "; install them with scripts/install-test-deps.sh (as root)");
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, command))
                .anyMatch(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate));
    }
}
