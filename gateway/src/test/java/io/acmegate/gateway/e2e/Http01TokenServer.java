package io.acmegate.gateway.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An http-01 answerer on 127.0.0.1 (the JDK's HttpServer), as a client that serves its own challenges:
 * {@code GET /.well-known/acme-challenge/TOKEN} answers the key authorization put for TOKEN (RFC 8555 §8.3), and
 * 404 for any other path. Thread-safe.
 */
public final class Http01TokenServer implements AutoCloseable {

    private static final String PREFIX = "/.well-known/acme-challenge/";

    private final HttpServer server;
    private final Map<String, String> keyAuthorizations = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private Http01TokenServer(HttpServer server) {
        this.server = server;
    }

    /** Starts answering on 127.0.0.1:{@code port}. */
    public static Http01TokenServer start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
            Http01TokenServer answerer = new Http01TokenServer(server);
            server.createContext("/", answerer::answer);
            server.start();
            return answerer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves {@code keyAuthorization} for {@code token} from now on. */
    public void put(String token, String keyAuthorization) {
        keyAuthorizations.put(token, keyAuthorization);
    }

    /** The paths requested so far, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(path);
        String body = path.startsWith(PREFIX) ? keyAuthorizations.get(path.substring(PREFIX.length())) : null;
        byte[] bytes = (body == null ? "not found" : body).getBytes(StandardCharsets.US_ASCII);
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
