package io.acmegate.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What curl cannot send or observe: raw bytes on a socket, timing, pipelining; and java.net.http at volume. */
class Http01ResponderWireTest {

    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final Tokens tokens = new Tokens();
    private Http01Responder responder;

    @AfterEach
    void stop() {
        if (responder != null) {
            responder.close();
        }
    }

    private Http01Responder start(HttpResponderConfig config) {
        responder = Http01Responder.start(config, tokens);
        return responder;
    }

    private Http01Responder startWithDefaults() {
        return start(HttpResponderConfig.defaults(ANY_LOOPBACK_PORT));
    }

    private static String get(String target, String... headers) {
        return "GET " + target + " HTTP/1.1\r\nHost: shop.example.com\r\n" + String.join("", headers) + "\r\n";
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOnOneConnection() throws IOException {
        startWithDefaults();
        String token = tokens.publishNew();
        String path = ChallengePath.PREFIX + token;

        try (RawHttp http = RawHttp.connect(responder.address())) {
            http.send(get(path) + "HEAD " + path + " HTTP/1.1\r\nHost: x\r\n\r\n" + get("/nothing") + get(path));

            RawHttp.Response first = http.read();
            RawHttp.Response head = http.read(true);
            RawHttp.Response missing = http.read();
            RawHttp.Response last = http.read();

            assertEquals(200, first.status());
            assertEquals(tokens.keyAuthorizationOf(token), first.body());
            assertEquals(200, head.status());
            assertEquals(String.valueOf(first.body().length()), head.header("Content-Length"));
            assertEquals(404, missing.status());
            assertEquals(200, last.status());
            assertEquals(tokens.keyAuthorizationOf(token), last.body());
            assertFalse(http.closedByPeerWithin(200), "an HTTP/1.1 connection stays open");
        }
        assertEquals(1, responder.acceptedConnections());
    }

    @Test
    void http10KeepAliveIsHonouredAndPlainHttp10Closes() throws IOException {
        startWithDefaults();
        String path = ChallengePath.PREFIX + tokens.publishNew();

        try (RawHttp http = RawHttp.connect(responder.address())) {
            RawHttp.Response kept = http.send("GET " + path + " HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read();
            assertEquals("HTTP/1.0 200 OK", kept.statusLine());
            assertEquals("keep-alive", kept.header("Connection"));
            assertFalse(http.closedByPeerWithin(200));

            RawHttp.Response closed = http.send("GET " + path + " HTTP/1.0\r\n\r\n").read();
            assertEquals(200, closed.status());
            assertTrue(http.closedByPeerWithin(2_000), "HTTP/1.0 without keep-alive closes after the response");
        }
    }

    @Test
    void connectionCloseFromAnHttp11ClientIsHonoured() throws IOException {
        startWithDefaults();
        try (RawHttp http = RawHttp.connect(responder.address())) {
            RawHttp.Response response = http.send(get("/", "Connection: close\r\n")).read();
            assertEquals(404, response.status());
            assertEquals("close", response.header("Connection"));
            assertTrue(http.closedByPeerWithin(2_000));
        }
    }

    @Test
    void absoluteFormRequestTargetIsServed() throws IOException {
        startWithDefaults();
        String token = tokens.publishNew();
        try (RawHttp http = RawHttp.connect(responder.address())) {
            RawHttp.Response response = http.send(get("http://shop.example.com" + ChallengePath.PREFIX + token)).read();
            assertEquals(200, response.status());
            assertEquals(tokens.keyAuthorizationOf(token), response.body());
        }
    }

    @Test
    void garbageRequestLineAnswers400AndCloses() throws IOException {
        startWithDefaults();
        try (RawHttp http = RawHttp.connect(responder.address())) {
            RawHttp.Response response = http.send("HELLO THERE\r\n\r\n").read();
            assertEquals(400, response.status());
            assertEquals("close", response.header("Connection"));
            assertTrue(http.closedByPeerWithin(2_000));
        }
    }

    @Test
    void binaryGarbageAnswers400AndCloses() throws IOException {
        startWithDefaults();
        try (RawHttp http = RawHttp.connect(responder.address())) {
            // A TLS ClientHello's first bytes, as sent by a client that tried https:// on the plain port.
            RawHttp.Response response = http.send("\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003\r\n\r\n").read();
            assertEquals(400, response.status());
            assertTrue(http.closedByPeerWithin(2_000));
        }
    }

    @Test
    void overlongRequestLineIsRefusedAndClosed() throws IOException {
        startWithDefaults();
        try (RawHttp http = RawHttp.connect(responder.address())) {
            RawHttp.Response response = http.send(get("/" + "a".repeat(Http01Responder.MAX_REQUEST_LINE_BYTES + 10))).read();
            assertEquals(414, response.status());
            assertTrue(http.closedByPeerWithin(2_000));
        }
    }

    @Test
    void chunkedBodyOnGetAnswers400AndCloses() throws IOException {
        startWithDefaults();
        String path = ChallengePath.PREFIX + tokens.publishNew();
        try (RawHttp http = RawHttp.connect(responder.address())) {
            RawHttp.Response response = http.send(get(path, "Transfer-Encoding: chunked\r\n") + "5\r\nhello\r\n0\r\n\r\n").read();
            assertEquals(400, response.status());
            assertTrue(http.closedByPeerWithin(2_000));
        }
    }

    @Test
    void slowlorisIsCutOffAfterTheReadTimeoutWhileStillTrickling() throws Exception {
        start(new HttpResponderConfig(ANY_LOOPBACK_PORT, 8 * 1024, Duration.ofMillis(1_500), Duration.ofSeconds(30), 100));
        String request = get(ChallengePath.PREFIX + tokens.publishNew(), "X-Slow: " + "s".repeat(200) + "\r\n");

        try (Socket socket = new Socket()) {
            socket.connect(responder.address());
            socket.setSoTimeout(10_000);
            AtomicBoolean cutOff = new AtomicBoolean();
            long startNanos = System.nanoTime();
            // One byte every 250 ms: each byte would reset an inactivity timer, so only a request deadline stops it.
            CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    for (int i = 0; i < request.length() && !cutOff.get(); i++) {
                        out.write(request.charAt(i));
                        out.flush();
                        Thread.sleep(250);
                    }
                } catch (IOException expectedOnceClosed) {
                    // the server closed the connection
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });

            byte[] answer = socket.getInputStream().readAllBytes();
            long elapsedMillis = (System.nanoTime() - startNanos) / 1_000_000;
            cutOff.set(true);
            trickle.join();

            assertTrue(new String(answer, java.nio.charset.StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 408"),
                    new String(answer, java.nio.charset.StandardCharsets.ISO_8859_1));
            assertTrue(elapsedMillis >= 1_400 && elapsedMillis < 4_000, "cut off after " + elapsedMillis + " ms");
        }
    }

    @Test
    void idleKeptAliveConnectionIsClosedAfterTheIdleTimeout() throws IOException {
        start(new HttpResponderConfig(ANY_LOOPBACK_PORT, 8 * 1024, Duration.ofSeconds(10), Duration.ofMillis(800), 100));
        String path = ChallengePath.PREFIX + tokens.publishNew();
        try (RawHttp http = RawHttp.connect(responder.address())) {
            assertEquals(200, http.send(get(path)).read().status());
            long startNanos = System.nanoTime();
            assertTrue(http.closedByPeerWithin(5_000));
            long elapsedMillis = (System.nanoTime() - startNanos) / 1_000_000;
            assertTrue(elapsedMillis >= 600 && elapsedMillis < 3_000, "closed after " + elapsedMillis + " ms");
        }
        try (RawHttp silent = RawHttp.connect(responder.address())) {
            assertTrue(silent.closedByPeerWithin(5_000), "a connection that never sends a request is closed too");
        }
    }

    @Test
    void connectionsBeyondTheCapAreClosedAtOnce() throws IOException {
        start(new HttpResponderConfig(ANY_LOOPBACK_PORT, 8 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(30), 2));
        String path = ChallengePath.PREFIX + tokens.publishNew();
        try (RawHttp first = RawHttp.connect(responder.address());
             RawHttp second = RawHttp.connect(responder.address())) {
            assertEquals(200, first.send(get(path)).read().status());
            assertEquals(200, second.send(get(path)).read().status());

            try (RawHttp third = RawHttp.connect(responder.address())) {
                assertTrue(third.closedByPeerWithin(2_000), "the third connection is refused");
            }
            assertEquals(2, responder.openConnections());
        }
    }

    @Test
    void aTokenIsServedFromTheMomentItIsPublishedUntilItIsWithdrawn() throws Exception {
        startWithDefaults();
        String token = Tokens.newToken();
        URI uri = URI.create("http://127.0.0.1:" + responder.address().getPort() + ChallengePath.PREFIX + token);
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpRequest request = HttpRequest.newBuilder(uri).build();

            assertEquals(404, client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
            tokens.publish(token, token + ".thumbprint");
            HttpResponse<String> published = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, published.statusCode());
            assertEquals(token + ".thumbprint", published.body());
            assertEquals(Optional.of("text/plain"), published.headers().firstValue("content-type"));
            tokens.withdraw(token);
            assertEquals(404, client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }

    @Test
    void thousandsOfTokensAreEachServedTheirOwnKeyAuthorization() {
        startWithDefaults();
        for (int i = 0; i < 5_000; i++) {
            tokens.publishNew();
        }
        String base = "http://127.0.0.1:" + responder.address().getPort() + ChallengePath.PREFIX;
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            List<CompletableFuture<Void>> checks = new ArrayList<>();
            for (Map.Entry<String, String> published : tokens.all().entrySet()) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + published.getKey())).build();
                checks.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenAccept(response -> {
                    assertEquals(200, response.statusCode());
                    assertEquals(published.getValue(), response.body());
                }));
            }
            CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).join();
        }
        assertTrue(responder.acceptedConnections() < 5_000, "the client reused connections");
    }

    @Test
    void aFailingTokenSourceAnswers500AndClosesWithoutHurtingTheServer() throws IOException {
        responder = Http01Responder.start(HttpResponderConfig.defaults(ANY_LOOPBACK_PORT), token -> {
            throw new IllegalStateException("board unavailable");
        });
        for (int attempt = 0; attempt < 2; attempt++) {
            try (RawHttp http = RawHttp.connect(responder.address())) {
                RawHttp.Response response = http.send(get(ChallengePath.PREFIX + "abc")).read();
                assertEquals(500, response.status());
                assertTrue(http.closedByPeerWithin(2_000));
            }
        }
    }

    @Test
    void anAddressInUseFailsStartWithTheAddress() {
        startWithDefaults();
        var taken = HttpResponderConfig.defaults(responder.address());
        UncheckedIOException failure = assertThrows(UncheckedIOException.class, () -> Http01Responder.start(taken, tokens));
        assertTrue(failure.getMessage().contains(String.valueOf(responder.address().getPort())), failure.getMessage());
    }

    @Test
    void closeReleasesThePortAndTheConnections() throws IOException {
        startWithDefaults();
        InetSocketAddress address = responder.address();
        try (RawHttp open = RawHttp.connect(address)) {
            assertEquals(404, open.send(get("/")).read().status());
            responder.close();
            assertTrue(open.closedByPeerWithin(3_000));
        }
        responder = Http01Responder.start(HttpResponderConfig.defaults(address), tokens);
        assertEquals(address, responder.address());
    }
}
