package io.acmegate.http;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How the HTTP-01 responder listens and how much it tolerates from a client.
 *
 * @param bind           the address to listen on; port 0 picks a free port (production: port 80, RFC 8555 §8.3)
 * @param maxHeaderBytes the largest header block accepted; beyond it the request is answered 431 and the
 *                       connection closed
 * @param readTimeout    how long a client may take to send one complete request, counted from its first byte:
 *                       a client that trickles its headers (slowloris) is answered 408 and cut off after this
 * @param idleTimeout    how long a kept-alive connection may wait for its next request before it is closed
 * @param maxConnections the most connections open at once; a connection beyond it is closed as soon as accepted
 */
public record HttpResponderConfig(InetSocketAddress bind, int maxHeaderBytes, Duration readTimeout,
                                  Duration idleTimeout, int maxConnections) {

    /** The smallest header limit that still fits a request line's worth of ordinary headers. */
    static final int MIN_HEADER_BYTES = 256;

    /**
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if a limit or timeout is not positive, or the header limit is below 256
     */
    public HttpResponderConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (maxHeaderBytes < MIN_HEADER_BYTES) {
            throw new IllegalArgumentException("maxHeaderBytes must be at least " + MIN_HEADER_BYTES + ": " + maxHeaderBytes);
        }
        requirePositive("readTimeout", readTimeout);
        requirePositive("idleTimeout", idleTimeout);
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be positive: " + maxConnections);
        }
    }

    /** 8 KiB of headers, 10 s to send a request, 30 s keep-alive, 10,000 connections. */
    public static HttpResponderConfig defaults(InetSocketAddress bind) {
        return new HttpResponderConfig(bind, 8 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(30), 10_000);
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
