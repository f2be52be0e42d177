package io.acmegate.gateway.validation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** http-01 over IPv6 loopback; skipped where the machine has no ::1. */
class Http01Ipv6Test {
    private static final String TOKEN = "LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0";
    private static final String KEY_AUTHORIZATION = TOKEN + ".9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI";

    private TestDnsServer dns;
    private HttpServer http;
    private final List<String> hosts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getByName("::1"), 0), 0);
        } catch (IOException e) {
            assumeTrue(false, "no IPv6 loopback: " + e);
        }
        http.createContext("/.well-known/acme-challenge/" + TOKEN, exchange -> {
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            byte[] body = KEY_AUTHORIZATION.getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        dns = new TestDnsServer();
    }

    @AfterEach
    void stop() {
        if (http != null) {
            http.stop(0);
        }
        if (dns != null) {
            dns.close();
        }
    }

    private ChallengeCheck check() {
        return ChallengeChecks.http01(new ValidationSettings(dns.address(), http.getAddress().getPort(), 443,
                Duration.ofSeconds(5)));
    }

    @Test
    void fallsBackToIpv6WhenIpv4Refuses() throws Exception {
        // Nothing listens on 127.0.0.2 (the server is bound to ::1 only): IPv4 is tried first and refused.
        dns.a("dual.example", "127.0.0.2").aaaa("dual.example", "::1");

        assertDoesNotThrow(() -> check().check("dns", "dual.example", TOKEN, KEY_AUTHORIZATION));
        assertEquals(List.of("dual.example:" + http.getAddress().getPort()), hosts);
    }

    @Test
    void ipv6IdentifierSendsTheBracketedLiteralAsHost() {
        assertDoesNotThrow(() -> check().check("ip", "::1", TOKEN, KEY_AUTHORIZATION));
        assertEquals(List.of("[::1]:" + http.getAddress().getPort()), hosts);
    }
}
