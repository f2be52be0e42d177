package io.acmegate.dns;

/**
 * Counters since the responder started; a snapshot, each field read independently.
 *
 * @param udpQueries            datagrams received
 * @param tcpQueries            TCP messages received
 * @param malformed             messages that could not be parsed (answered FORMERR when their header could be
 *                              read, dropped otherwise)
 * @param unanswered            messages that got no reply by rule: too short for a header, or a response (QR set)
 * @param rateLimited           UDP replies dropped by response rate limiting
 * @param slipped               UDP replies over the rate limit sent as an empty truncated reply instead
 * @param errors                failures while answering (the record source threw, or a reply could not be built):
 *                              answered SERVFAIL where possible
 * @param tcpConnectionsRefused TCP connections closed at once because the connection cap was reached
 */
public record DnsResponderStats(long udpQueries, long tcpQueries, long malformed, long unanswered,
                                long rateLimited, long slipped, long errors, long tcpConnectionsRefused) {
}
