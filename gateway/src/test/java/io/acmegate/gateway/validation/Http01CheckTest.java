package io.acmegate.gateway.validation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Http01CheckTest {
    private static final String PREFIX = "/.well-known/acme-challenge/";
    private static final String TOKEN = "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA";
    private static final String KEY_AUTHORIZATION = TOKEN + ".9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI";

    private TestDnsServer dns;
    private HttpServer http;
    private HttpsServer https;
    /** "Host|User-Agent|path" of every request the test servers received. */
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        dns = new TestDnsServer().a("shop.example", "127.0.0.1");
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext(PREFIX, this::respond);
        http.start();
    }

    @AfterEach
    void stop() {
        http.stop(0);
        if (https != null) {
            https.stop(0);
        }
        dns.close();
    }

    private int httpPort() {
        return http.getAddress().getPort();
    }

    private ChallengeCheck check() {
        int tlsPort = https == null ? 443 : https.getAddress().getPort();
        return ChallengeChecks.http01(new ValidationSettings(dns.address(), httpPort(), tlsPort,
                Duration.ofSeconds(5)));
    }

    /** The challenge server's behaviour by token. */
    private void respond(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        requests.add(exchange.getRequestHeaders().getFirst("Host") + "|"
                + exchange.getRequestHeaders().getFirst("User-Agent") + "|" + path);
        String token = path.substring(PREFIX.length());
        String self = "http://shop.example:" + httpPort() + PREFIX;
        switch (token) {
            case TOKEN -> send(exchange, 200, KEY_AUTHORIZATION + "\n");
            case "wrong" -> send(exchange, 200, "not the key authorization\u0007\n");
            case "loop" -> redirect(exchange, 302, PREFIX + "loop");
            case "chain" -> redirect(exchange, 301, PREFIX + "chain2");
            case "chain2" -> redirect(exchange, 307, self + TOKEN);
            case "forbidden" -> redirect(exchange, 302, "http://shop.example:8081" + PREFIX + TOKEN);
            case "toAddress" -> redirect(exchange, 302, "http://127.0.0.1:" + httpPort() + PREFIX + TOKEN);
            case "toHttps" -> redirect(exchange, 308, "https://shop.example:" + https.getAddress().getPort()
                    + PREFIX + TOKEN);
            case "chunked" -> {
                exchange.sendResponseHeaders(200, 0); // length 0: the JDK server sends chunked
                try (var body = exchange.getResponseBody()) {
                    body.write(KEY_AUTHORIZATION.substring(0, 10).getBytes(StandardCharsets.US_ASCII));
                    body.flush();
                    body.write(KEY_AUTHORIZATION.substring(10).getBytes(StandardCharsets.US_ASCII));
                }
            }
            case "huge" -> send(exchange, 200, KEY_AUTHORIZATION + "x".repeat(20_000));
            default -> send(exchange, 404, "no such token");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void redirect(HttpExchange exchange, int status, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private ValidationFailure failure(String token) {
        return assertThrows(ValidationFailure.class,
                () -> check().check("dns", "shop.example", token, KEY_AUTHORIZATION));
    }

    @Test
    void acceptsTheKeyAuthorizationWithATrailingNewline() {
        assertDoesNotThrow(() -> check().check("dns", "shop.example", TOKEN, KEY_AUTHORIZATION));

        // RFC 9110 §7.2: the port is part of Host when it is not the default one (80 in production).
        assertEquals(List.of("shop.example:" + httpPort() + "|acmegate-validation/1|" + PREFIX + TOKEN), requests);
    }

    @Test
    void aWrongBodyIsAnIncorrectResponseQuotingIt() {
        ValidationFailure failure = failure("wrong");

        assertEquals("incorrectResponse", failure.type());
        assertTrue(failure.detail().contains("\"not the key authorization??\""), failure.detail());
    }

    @Test
    void aMissingTokenIsUnauthorizedWithTheStatus() {
        ValidationFailure failure = failure("unknown");

        assertEquals("unauthorized", failure.type());
        assertTrue(failure.detail().endsWith("HTTP 404"), failure.detail());
    }

    @Test
    void followsRedirectsRelativeAndAbsolute() {
        assertDoesNotThrow(() -> check().check("dns", "shop.example", "chain", KEY_AUTHORIZATION));

        assertEquals(3, requests.size(), requests.toString());
        assertTrue(requests.get(2).endsWith(PREFIX + TOKEN), requests.toString());
    }

    @Test
    void stopsAfterTenRedirects() {
        ValidationFailure failure = failure("loop");

        assertEquals("connection", failure.type());
        assertTrue(failure.detail().contains("Too many redirects"), failure.detail());
        assertEquals(11, requests.size()); // the first request and ten redirects
    }

    @Test
    void refusesARedirectToAnotherPort() {
        ValidationFailure failure = failure("forbidden");

        assertEquals("connection", failure.type());
        assertTrue(failure.detail().contains("only ports"), failure.detail());
        assertEquals(1, requests.size());
    }

    @Test
    void refusesARedirectToAnAddress() {
        ValidationFailure failure = failure("toAddress");

        assertEquals("connection", failure.type());
        assertTrue(failure.detail().contains("not IP addresses"), failure.detail());
        assertEquals(1, requests.size(), "nothing is fetched from the address");
    }

    @Test
    void followsARedirectToHttpsOnTheTlsPortWithoutCheckingTheCertificate() throws Exception {
        https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // Self-signed and for another name: validation must not care.
        https.setHttpsConfigurator(new HttpsConfigurator(
                TestCertificates.serverContext(TestCertificates.Spec.plain("elsewhere.example"))));
        https.createContext(PREFIX, this::respond);
        https.start();

        assertDoesNotThrow(() -> check().check("dns", "shop.example", "toHttps", KEY_AUTHORIZATION));
        assertEquals(2, requests.size(), requests.toString());
        assertTrue(requests.get(1).startsWith("shop.example:" + https.getAddress().getPort() + "|"), requests.get(1));
    }

    @Test
    void readsAChunkedBody() {
        assertDoesNotThrow(() -> check().check("dns", "shop.example", "chunked", KEY_AUTHORIZATION));
    }

    @Test
    void aBodyBeyondTheCapDoesNotMatch() {
        assertEquals("incorrectResponse", failure("huge").type());
    }

    @Test
    void aRefusedConnectionIsAConnectionFailure() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        var check = ChallengeChecks.http01(new ValidationSettings(dns.address(), closedPort, 443,
                Duration.ofSeconds(5)));

        ValidationFailure failure = assertThrows(ValidationFailure.class,
                () -> check.check("dns", "shop.example", TOKEN, KEY_AUTHORIZATION));
        assertEquals("connection", failure.type());
        assertTrue(failure.detail().contains("127.0.0.1 port " + closedPort), failure.detail());
    }

    @Test
    void aNameWithoutAddressIsADnsFailure() {
        ValidationFailure failure = assertThrows(ValidationFailure.class,
                () -> check().check("dns", "missing.example", TOKEN, KEY_AUTHORIZATION));

        assertEquals("dns", failure.type());
        assertTrue(requests.isEmpty());
    }

    @Test
    void followsACnameToTheAddress() throws Exception {
        dns.cname("www.shop.example", "shop.example");

        assertDoesNotThrow(() -> check().check("dns", "www.shop.example", TOKEN, KEY_AUTHORIZATION));
        assertTrue(requests.get(0).startsWith("www.shop.example:"), requests.toString());
    }

    @Test
    void ipIdentifierConnectsToTheAddressWithoutLookup() {
        assertDoesNotThrow(() -> check().check("ip", "127.0.0.1", TOKEN, KEY_AUTHORIZATION));

        assertTrue(requests.get(0).startsWith("127.0.0.1:" + httpPort() + "|"), requests.toString());
        assertTrue(dns.questions().isEmpty(), dns.questions().toString());
    }

    @Test
    void aTokenThatIsNotBase64UrlIsMalformed() {
        assertEquals("malformed", failure("..%2F..%2Fetc").type());
        assertTrue(requests.isEmpty());
    }
}
