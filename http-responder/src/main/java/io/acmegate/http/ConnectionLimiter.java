package io.acmegate.http;

import io.netty.channel.Channel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Counts open connections and refuses those beyond the cap. Thread-safe: shared by every event loop. */
final class ConnectionLimiter {

    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong accepted = new AtomicLong();

    ConnectionLimiter(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    /**
     * Admits a newly accepted connection and counts it until it closes, or closes it at once when the cap is
     * reached.
     *
     * @return whether the connection was admitted
     */
    boolean admit(Channel channel) {
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            channel.close();
            return false;
        }
        accepted.incrementAndGet();
        channel.closeFuture().addListener(future -> open.decrementAndGet());
        return true;
    }

    int openConnections() {
        return open.get();
    }

    long acceptedConnections() {
        return accepted.get();
    }
}
