package io.acmegate.gateway.status.dashboard;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Loads one page in Debian's Chromium, headless, and hands back what it rendered: the DOM after the page's
 * scripts ran ({@code --dump-dom}) or a PNG screenshot ({@code --screenshot}).
 *
 * <p>Every run gets a fresh, empty profile directory (deleted afterwards), so nothing (sessionStorage, cache)
 * carries over from one run to the next. {@code --virtual-time-budget} lets the page's timers and fetches run
 * before the capture: Chromium captures once the page has been idle for that much virtual time, and virtual
 * time stands still while a network request is outstanding.
 *
 * <p>Instances are immutable and thread-safe; each call starts its own Chromium process.
 */
public final class HeadlessChromium {

    /** Where Debian's {@code chromium} package installs its launcher. */
    public static final Path DEBIAN_BINARY = Path.of("/usr/bin/chromium");

    private static final Duration DEFAULT_VIRTUAL_TIME_BUDGET = Duration.ofSeconds(10);
    /** A safety net against a hung browser, not a performance expectation: a run normally takes about a second. */
    private static final Duration PROCESS_LIMIT = Duration.ofMinutes(2);

    private final Path binary;
    private final Duration virtualTimeBudget;

    private HeadlessChromium(Path binary, Duration virtualTimeBudget) {
        this.binary = binary;
        this.virtualTimeBudget = virtualTimeBudget;
    }

    /**
     * The Chromium at {@link #DEBIAN_BINARY}.
     *
     * @throws IllegalStateException when it is not installed, saying how to install it
     */
    public static HeadlessChromium installed() {
        if (!Files.isExecutable(DEBIAN_BINARY)) {
            throw new IllegalStateException(DEBIAN_BINARY + " is missing: the dashboard tests need Debian's Chromium."
                    + " Install it with `apt-get install -y chromium` (as root).");
        }
        return new HeadlessChromium(DEBIAN_BINARY, DEFAULT_VIRTUAL_TIME_BUDGET);
    }

    /** A copy that gives pages this much virtual time to settle before the capture. */
    public HeadlessChromium withVirtualTimeBudget(Duration budget) {
        return new HeadlessChromium(binary, budget);
    }

    /** The flags every run passes, before the capture flag and the URL. */
    public List<String> commonFlags(Path userDataDir) {
        return List.of(
                "--headless",
                "--no-sandbox",               // runs as root in containers, where the sandbox cannot start
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",  // no network here: no update, safe-browsing or metrics calls
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + userDataDir,
                "--window-size=1280,900",
                "--virtual-time-budget=" + virtualTimeBudget.toMillis());
    }

    /**
     * The page's DOM, serialised, after its scripts ran.
     *
     * @throws IOException when Chromium fails, with the end of its error output
     */
    public String dumpDom(URI page) throws IOException, InterruptedException {
        Path output = Files.createTempFile("chromium-dom-", ".html");
        try {
            run(List.of("--dump-dom"), page, output);
            return Files.readString(output, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /**
     * A 1280x900 screenshot of the page after its scripts ran, written to {@code file} as PNG.
     *
     * @throws IOException when Chromium fails or writes no screenshot
     */
    public Path screenshot(URI page, Path file) throws IOException, InterruptedException {
        Files.deleteIfExists(file);
        Path log = Files.createTempFile("chromium-screenshot-", ".log");
        try {
            run(List.of("--screenshot=" + file.toAbsolutePath()), page, log);
        } finally {
            Files.deleteIfExists(log);
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException("Chromium exited normally but wrote no screenshot to " + file);
        }
        return file;
    }

    /** A screenshot of the page, decoded; the PNG is not kept. */
    public BufferedImage screenshot(URI page) throws IOException, InterruptedException {
        Path file = Files.createTempFile("chromium-screenshot-", ".png");
        try {
            BufferedImage image = ImageIO.read(screenshot(page, file).toFile());
            if (image == null) {
                throw new IOException("Chromium's screenshot is not a PNG that ImageIO can read");
            }
            return image;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private void run(List<String> captureFlags, URI page, Path stdout) throws IOException, InterruptedException {
        Path userDataDir = Files.createTempDirectory("chromium-profile-");
        Path stderr = Files.createTempFile("chromium-stderr-", ".log");
        try {
            List<String> command = new ArrayList<>();
            command.add(binary.toString());
            command.addAll(commonFlags(userDataDir));
            command.addAll(captureFlags);
            command.add(page.toString());
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            if (!process.waitFor(PROCESS_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IOException("Chromium did not finish within " + PROCESS_LIMIT + " loading " + page
                        + errorTail(stderr));
            }
            if (process.exitValue() != 0) {
                throw new IOException("Chromium exited with " + process.exitValue() + " loading " + page
                        + errorTail(stderr));
            }
        } finally {
            Files.deleteIfExists(stderr);
            deleteTree(userDataDir);
        }
    }

    /** The last lines of Chromium's error output, without the D-Bus complaints it always prints in containers. */
    private static String errorTail(Path stderr) throws IOException {
        List<String> lines = Files.readAllLines(stderr, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.contains("dbus"))
                .toList();
        String tail = lines.subList(Math.max(0, lines.size() - 15), lines.size()).stream()
                .collect(Collectors.joining("\n  "));
        return tail.isEmpty() ? "" : ":\n  " + tail;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A profile left in the temp directory is harmless; the capture is what matters.
        }
    }
}
