package io.acmegate.gateway.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checks, before an end-to-end test class runs, that the external programs it drives are installed.
 * A missing program fails the test (never skips it), naming the script that installs it.
 */
public final class RequiredTools {

    /** Daemons (knotd, unbound) live in sbin, which is not on every user's PATH. */
    private static final List<String> SBIN = List.of("/usr/sbin", "/sbin", "/usr/local/sbin");

    private RequiredTools() {
    }

    /** Fails the test unless every named command is an executable file on the PATH or in an sbin directory. */
    public static void assertInstalled(String... commands) {
        List<String> missing = Arrays.stream(commands).filter(command -> find(command).isEmpty()).toList();
        if (!missing.isEmpty()) {
            fail("end-to-end test tools missing: " + String.join(", ", missing)
                    + "; install them with scripts/install-test-deps.sh (as root)");
        }
    }

    /** The absolute path of a command, searched on the PATH and then in the sbin directories; fails if absent. */
    public static String locate(String command) {
        return find(command).map(Path::toString).orElseGet(() -> {
            assertInstalled(command);
            throw new IllegalStateException("unreachable");
        });
    }

    private static Optional<Path> find(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Arrays.stream(path.split(File.pathSeparator)), SBIN.stream())
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, command))
                .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
                .findFirst();
    }
}
