package io.acmegate.gateway.validation;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how validation connects.
 *
 * @param resolver a DNS server (host:port) asked for A, AAAA, TXT and CNAME records, or {@code null} for the
 *                 name servers of the system's resolver configuration (dnsjava's {@code ResolverConfig})
 * @param httpPort the port http-01 connects to (80 in production, RFC 8555 §8.3)
 * @param tlsPort  the port tls-alpn-01 connects to (443 in production, RFC 8737 §3); also the https port that
 *                 http-01 redirects may name besides 443
 * @param timeout  the limit of each step of an attempt: each DNS query, connecting, the TLS handshake's reads,
 *                 and an HTTP request with its response
 */
public record ValidationSettings(InetSocketAddress resolver, int httpPort, int tlsPort, Duration timeout) {

    public ValidationSettings {
        checkPort("httpPort", httpPort);
        checkPort("tlsPort", tlsPort);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /** The production settings: the system's resolver, ports 80 and 443, 10 seconds per attempt. */
    public static ValidationSettings defaults() {
        return new ValidationSettings(null, 80, 443, Duration.ofSeconds(10));
    }

    private static void checkPort(String name, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + " must be within 1..65535: " + port);
        }
    }
}
