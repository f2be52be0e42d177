package io.acmegate.gateway.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A static web server on 127.0.0.1 serving one directory ({@code python3 -m http.server}), where an ACME client
 * that writes http-01 files (dehydrated's WELLKNOWN, uacme's hook) puts them: a file {@code TOKEN} in
 * {@link #challengeDirectory()} is served at {@code /.well-known/acme-challenge/TOKEN} (RFC 8555 §8.3).
 */
public final class WebrootServer implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);

    private final Path webroot;
    private final Daemon daemon;

    private WebrootServer(Path webroot, Daemon daemon) {
        this.webroot = webroot;
        this.daemon = daemon;
    }

    /** Serves {@code webroot} on 127.0.0.1:{@code port} and waits until the port accepts connections. */
    public static WebrootServer start(Path webroot, int port) {
        try {
            Files.createDirectories(webroot.resolve(".well-known/acme-challenge"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Daemon daemon = Daemon.start("webroot-" + port, List.of("/usr/bin/python3", "-m", "http.server",
                Integer.toString(port), "--bind", "127.0.0.1", "--directory", webroot.toString()), Map.of());
        WebrootServer server = new WebrootServer(webroot, daemon);
        try {
            daemon.awaitReady(READY_TIMEOUT, () -> accepts(port));
        } catch (Throwable notReady) {
            server.close();
            throw notReady;
        }
        return server;
    }

    /** {@code WEBROOT/.well-known/acme-challenge}, created at start. */
    public Path challengeDirectory() {
        return webroot.resolve(".well-known/acme-challenge");
    }

    /** The request log: one line per request, with its path and status. */
    public String log() {
        return daemon.output();
    }

    @Override
    public void close() {
        daemon.close();
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }
}
