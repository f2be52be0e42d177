package io.acmegate.gateway.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * An HTTPS reverse proxy on 127.0.0.1 in front of one Pebble that injects faults on request: the CA as an upstream
 * client sees it when it is overloaded or rate-limits. The mode can be switched while it runs; {@link #injected}
 * counts the faults it answered in each mode.
 *
 * <p>Its TLS certificate comes from a throwaway CA of its own ({@link #tlsCa()}), which the client under test must
 * trust. It forwards to Pebble with the client's {@code Host} header: Pebble builds every URL it hands out (the
 * directory, Location, Link) from that header and checks each JWS {@code url} (RFC 8555 §6.4) against it, so the
 * URLs already name the proxy and nothing needs rewriting. java.net.http may not set {@code Host}, so the forwarding
 * is a plain HTTP/1.0 exchange on a TLS socket: one request per connection, the response ends where the connection
 * does (no chunking to undo).
 *
 * <p>Thread-safe.
 */
final class FaultProxy implements AutoCloseable {

    /** What the proxy does with a request. */
    enum Mode {
        /** Every request goes to Pebble. */
        PASS_THROUGH,
        /** Every POST is answered 503 Service Unavailable without a problem document; GET and HEAD go to Pebble. */
        SERVICE_UNAVAILABLE,
        /** POST to newOrder is answered with a rateLimited problem (RFC 8555 §6.7), 429, Retry-After. */
        RATE_LIMITED,
        /** Every other POST (the first, third, ...) is answered with a badNonce problem (RFC 8555 §6.5). */
        BAD_NONCE,
        /** Every POST is answered badNonce without the fresh Replay-Nonce that RFC 8555 §6.5 requires: a broken CA. */
        BAD_NONCE_WITHOUT_REPLAY_NONCE
    }

    static final String ACME_ERROR = "urn:ietf:params:acme:error:";
    static final int RETRY_AFTER_SECONDS = 2;
    static final String RATE_LIMITED_DETAIL = "fault proxy: too many new orders, retry after "
            + RETRY_AFTER_SECONDS + " s";
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding",
            "content-length", "proxy-connection", "upgrade", "te", "trailer",
            "date"); // the proxy's server sets its own Date
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(30);

    private final HttpsServer server;
    private final ExecutorService executor;
    private final Path tlsCa;
    private final InetSocketAddress pebble;
    private final SSLContext pebbleTrust;
    private final Map<Mode, AtomicLong> injected = new EnumMap<>(Mode.class);
    private final Map<String, AtomicLong> pebbleProblems = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicLong posts = new AtomicLong();
    private volatile Mode mode = Mode.PASS_THROUGH;
    private volatile String newOrderPath;
    private volatile String newNoncePath;

    private FaultProxy(HttpsServer server, ExecutorService executor, Path tlsCa, InetSocketAddress pebble,
                       SSLContext pebbleTrust) {
        this.server = server;
        this.executor = executor;
        this.tlsCa = tlsCa;
        this.pebble = pebble;
        this.pebbleTrust = pebbleTrust;
        for (Mode each : Mode.values()) {
            injected.put(each, new AtomicLong());
        }
    }

    /**
     * Starts the proxy on a free loopback port with a certificate generated in {@code directory}, forwarding to the
     * Pebble whose directory URL is {@code pebbleDirectory} and whose TLS certificate chains to {@code pebbleTlsCa}.
     * Pebble need not run yet.
     */
    static FaultProxy start(Path directory, URI pebbleDirectory, Path pebbleTlsCa) {
        RequiredTools.assertInstalled("openssl");
        Path tlsCa = directory.resolve("proxy-tls-ca.pem");
        Path keyStore = directory.resolve("proxy-tls.p12");
        char[] password = "fault-proxy".toCharArray();
        writeTlsKeyStore(directory, tlsCa, keyStore, new String(password));
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(serverContext(keyStore, password)));
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            server.setExecutor(executor);
            FaultProxy proxy = new FaultProxy(server, executor, tlsCa,
                    new InetSocketAddress(pebbleDirectory.getHost(), pebbleDirectory.getPort()),
                    Certificates.trusting(pebbleTlsCa));
            server.createContext("/", proxy::handle);
            server.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory URL through the proxy (Pebble's path {@code /dir}). */
    URI directory() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/dir");
    }

    /** The CA of the proxy's TLS certificate (PEM): what a client of the proxy must trust. */
    Path tlsCa() {
        return tlsCa;
    }

    /** Switches the mode; requests that arrive afterwards get it. */
    void mode(Mode mode) {
        this.mode = mode;
    }

    /** How many requests were answered with this mode's fault so far. */
    long injected(Mode mode) {
        return injected.get(mode).get();
    }

    /**
     * How many problem documents of this type (e.g. {@code "badNonce"}) Pebble itself answered through the proxy:
     * a Pebble at its default strictness rejects a share of good nonces.
     */
    long fromPebble(String problemType) {
        AtomicLong count = pebbleProblems.get(problemType);
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Response response = fault(exchange).orElseGet(() -> forward(exchange, body));
            response.headers().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            boolean noBody = response.body().length == 0 || exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        } catch (RuntimeException e) {
            // the client sees a dropped connection, as from a CA that fell over
            exchange.close();
        }
    }

    /** The fault the current mode makes of this request, if any. */
    private java.util.Optional<Response> fault(HttpExchange exchange) {
        if (!exchange.getRequestMethod().equals("POST")) {
            return java.util.Optional.empty();
        }
        long post = posts.getAndIncrement();
        Mode current = mode;
        Response fault = switch (current) {
            case PASS_THROUGH -> null;
            case SERVICE_UNAVAILABLE -> new Response(503, Map.of("Content-Type", List.of("text/plain")),
                    "fault proxy: service unavailable\n".getBytes(StandardCharsets.US_ASCII));
            case RATE_LIMITED -> exchange.getRequestURI().getRawPath().equals(newOrderPath)
                    ? problem(429, "rateLimited", RATE_LIMITED_DETAIL,
                    Map.of("Retry-After", List.of(Integer.toString(RETRY_AFTER_SECONDS))))
                    : null;
            // Pebble's own wording, which clients such as acme.sh recognise; RFC 8555 §6.5: a badNonce error
            // MUST carry a fresh nonce for the retry
            case BAD_NONCE -> post % 2 == 0
                    ? problem(400, "badNonce", "JWS has an invalid anti-replay nonce (fault proxy)",
                    Map.of("Replay-Nonce", List.of(freshNonce(exchange))))
                    : null;
            case BAD_NONCE_WITHOUT_REPLAY_NONCE ->
                    problem(400, "badNonce", "JWS has an invalid anti-replay nonce (fault proxy)", Map.of());
        };
        if (fault == null) {
            return java.util.Optional.empty();
        }
        injected.get(current).incrementAndGet();
        return java.util.Optional.of(fault);
    }

    private static Response problem(int status, String type, String detail, Map<String, List<String>> headers) {
        Map<String, List<String>> all = new java.util.HashMap<>(headers);
        all.put("Content-Type", List.of("application/problem+json"));
        String json = JSON.createObjectNode().put("type", ACME_ERROR + type).put("detail", detail)
                .put("status", status).toString();
        return new Response(status, all, json.getBytes(StandardCharsets.UTF_8));
    }

    /** A nonce Pebble will accept, from its newNonce resource (RFC 8555 §7.2). */
    private String freshNonce(HttpExchange exchange) {
        if (newNoncePath == null) {
            throw new IllegalStateException("no directory went through the proxy yet: newNonce unknown");
        }
        Response response = forward("HEAD", newNoncePath, exchange.getRequestHeaders(), new byte[0]);
        return response.headers().entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Replay-Nonce"))
                .map(header -> header.getValue().get(0)).findFirst()
                .orElseThrow(() -> new IllegalStateException("Pebble's newNonce gave no Replay-Nonce"));
    }

    private Response forward(HttpExchange exchange, byte[] body) {
        Response response = forward(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                exchange.getRequestHeaders(), body);
        if (exchange.getRequestURI().getPath().equals("/dir") && response.status() == 200) {
            learnPaths(response.body());
        }
        if (response.status() >= 400) {
            countProblem(response);
        }
        return response;
    }

    /** Sends a request to Pebble as HTTP/1.0 with the client's Host header, and reads the whole response. */
    private Response forward(String method, String target, Map<String, List<String>> headers, byte[] body) {
        StringBuilder head = new StringBuilder().append(method).append(' ').append(target).append(" HTTP/1.0\r\n");
        headers.forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> head.append(name).append(": ").append(value).append("\r\n"));
            }
        });
        if (body.length > 0) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        try (SSLSocket socket = (SSLSocket) pebbleTrust.getSocketFactory().createSocket()) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.connect(pebble, (int) UPSTREAM_TIMEOUT.toMillis());
            socket.setSoTimeout((int) UPSTREAM_TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return Response.parse(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where Pebble's newOrder and newNonce are, from its directory (RFC 8555 §7.1.1). */
    private void learnPaths(byte[] directory) {
        try {
            JsonNode json = JSON.readTree(directory);
            newOrderPath = URI.create(json.path("newOrder").asText()).getRawPath();
            newNoncePath = URI.create(json.path("newNonce").asText()).getRawPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void countProblem(Response response) {
        try {
            String type = JSON.readTree(response.body()).path("type").asText("");
            if (type.startsWith(ACME_ERROR)) {
                pebbleProblems.computeIfAbsent(type.substring(ACME_ERROR.length()), t -> new AtomicLong())
                        .incrementAndGet();
            }
        } catch (IOException notJson) {
            // an error without a problem document: nothing to count
        }
    }

    /** One HTTP response: status, headers (names as sent), body. */
    private record Response(int status, Map<String, List<String>> headers, byte[] body) {

        /** Reads an HTTP/1.x response that ends with the connection. */
        static Response parse(InputStream in) throws IOException {
            byte[] all = in.readAllBytes();
            int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            if (end < 0) {
                throw new IOException("Pebble's response has no end of header: "
                        + new String(all, StandardCharsets.ISO_8859_1));
            }
            List<String> lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).lines().toList();
            String[] statusLine = lines.get(0).split(" ", 3);
            Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(line.substring(0, colon).strip(), n -> new java.util.ArrayList<>())
                            .add(line.substring(colon + 1).strip());
                }
            }
            byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
            return new Response(Integer.parseInt(statusLine[1]), headers, body);
        }

        private static int indexOf(byte[] data, byte[] pattern) {
            for (int i = 0; i + pattern.length <= data.length; i++) {
                if (java.util.Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
                    return i;
                }
            }
            return -1;
        }
    }

    private static SSLContext serverContext(Path keyStore, char[] password) {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, password);
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the proxy's key store " + keyStore, e);
        }
    }

    /** An EC P-256 CA and a leaf for 127.0.0.1 signed by it, the leaf and its key in a PKCS#12 key store. */
    private static void writeTlsKeyStore(Path directory, Path caPem, Path keyStore, String password) {
        Path caKey = directory.resolve("proxy-tls-ca.key");
        Path key = directory.resolve("proxy-tls.key");
        Path csr = directory.resolve("proxy-tls.csr");
        Path certificate = directory.resolve("proxy-tls.pem");
        Path extensions = directory.resolve("proxy-tls-ext.cnf");
        try {
            Files.writeString(extensions, "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                    + "extendedKeyUsage=serverAuth\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", caKey.toString(), "-out", caPem.toString(), "-days", "2",
                "-subj", "/CN=acmegate e2e fault proxy TLS CA");
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", key.toString(), "-out", csr.toString(), "-subj", "/CN=127.0.0.1");
        openssl("x509", "-req", "-in", csr.toString(), "-CA", caPem.toString(), "-CAkey", caKey.toString(),
                "-set_serial", "1", "-days", "2", "-extfile", extensions.toString(), "-out", certificate.toString());
        openssl("pkcs12", "-export", "-inkey", key.toString(), "-in", certificate.toString(), "-name", "proxy",
                "-passout", "pass:" + password, "-out", keyStore.toString());
    }

    private static void openssl(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Tool.command(command).timeout(Duration.ofSeconds(30)).runSuccessfully();
    }
}
