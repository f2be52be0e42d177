package io.acmegate.dns;

import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link DnsResponderStats}. */
final class Counters {
    final LongAdder udpQueries = new LongAdder();
    final LongAdder tcpQueries = new LongAdder();
    final LongAdder malformed = new LongAdder();
    final LongAdder unanswered = new LongAdder();
    final LongAdder rateLimited = new LongAdder();
    final LongAdder slipped = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder tcpConnectionsRefused = new LongAdder();

    DnsResponderStats snapshot() {
        return new DnsResponderStats(udpQueries.sum(), tcpQueries.sum(), malformed.sum(), unanswered.sum(),
                rateLimited.sum(), slipped.sum(), errors.sum(), tcpConnectionsRefused.sum());
    }
}
