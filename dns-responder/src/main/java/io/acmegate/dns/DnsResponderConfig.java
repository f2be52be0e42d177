package io.acmegate.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link DnsResponder} runs. Start from {@link #of} and change what differs with the {@code with*}
 * methods; construction fails with an {@link IllegalArgumentException} naming the bad field.
 *
 * @param bind                        the address for both UDP and TCP; port 0 picks a free port (the same one
 *                                    for both)
 * @param zones                       the zones served, at least one, no apex listed twice
 * @param txtTtl                      TTL of served TXT records, seconds (default 60)
 * @param maxUdpPayload               the largest UDP reply we send and advertise in EDNS; default 1232, the DNS
 *                                    flag day 2020 value that avoids IP fragmentation
 * @param responsesPerSecondPerSource response rate limit per client /32 (IPv4) or /64 (IPv6) over UDP
 *                                    (default 50); 0 turns rate limiting off
 * @param rrlSlip                     of the replies over the limit, every {@code rrlSlip}-th is sent as an
 *                                    empty truncated (TC) reply so that a real client retries over TCP, the
 *                                    others are dropped (BIND's RRL "slip", default 2); 0 drops them all
 * @param maxTcpConnections           concurrent TCP connections accepted; more are closed at once
 * @param tcpIdleTimeout              a TCP connection idle this long is closed (default 10 s)
 * @param ioThreads                   network threads (default 2)
 */
public record DnsResponderConfig(InetSocketAddress bind, List<DnsZone> zones, int txtTtl, int maxUdpPayload,
                                 int responsesPerSecondPerSource, int rrlSlip, int maxTcpConnections,
                                 Duration tcpIdleTimeout, int ioThreads) {

    /** Minimum UDP payload every DNS implementation handles (RFC 1035 §4.2.1). */
    static final int CLASSIC_UDP_PAYLOAD = 512;

    public static DnsResponderConfig of(InetSocketAddress bind, List<DnsZone> zones) {
        return new DnsResponderConfig(bind, zones, 60, 1232, 50, 2, 256, Duration.ofSeconds(10), 2);
    }

    public DnsResponderConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(zones, "zones");
        if (zones.isEmpty()) {
            throw new IllegalArgumentException("zones must not be empty");
        }
        zones = List.copyOf(zones);
        var apexes = new HashSet<String>();
        for (DnsZone zone : zones) {
            if (!apexes.add(zone.apex())) {
                throw new IllegalArgumentException("zones: " + zone.apex() + " listed twice");
            }
        }
        if (txtTtl < 0) {
            throw new IllegalArgumentException("txtTtl must not be negative");
        }
        if (maxUdpPayload < CLASSIC_UDP_PAYLOAD || maxUdpPayload > 65_535) {
            throw new IllegalArgumentException("maxUdpPayload must be in 512..65535");
        }
        if (responsesPerSecondPerSource < 0) {
            throw new IllegalArgumentException("responsesPerSecondPerSource must not be negative (0 = off)");
        }
        if (rrlSlip < 0) {
            throw new IllegalArgumentException("rrlSlip must not be negative (0 = never slip)");
        }
        if (maxTcpConnections < 1) {
            throw new IllegalArgumentException("maxTcpConnections must be at least 1");
        }
        Objects.requireNonNull(tcpIdleTimeout, "tcpIdleTimeout");
        if (tcpIdleTimeout.isNegative() || tcpIdleTimeout.isZero()) {
            throw new IllegalArgumentException("tcpIdleTimeout must be positive");
        }
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be at least 1");
        }
    }

    public DnsResponderConfig withTxtTtl(int value) {
        return new DnsResponderConfig(bind, zones, value, maxUdpPayload, responsesPerSecondPerSource, rrlSlip,
                maxTcpConnections, tcpIdleTimeout, ioThreads);
    }

    public DnsResponderConfig withMaxUdpPayload(int value) {
        return new DnsResponderConfig(bind, zones, txtTtl, value, responsesPerSecondPerSource, rrlSlip,
                maxTcpConnections, tcpIdleTimeout, ioThreads);
    }

    public DnsResponderConfig withResponsesPerSecondPerSource(int value) {
        return new DnsResponderConfig(bind, zones, txtTtl, maxUdpPayload, value, rrlSlip,
                maxTcpConnections, tcpIdleTimeout, ioThreads);
    }

    public DnsResponderConfig withRrlSlip(int value) {
        return new DnsResponderConfig(bind, zones, txtTtl, maxUdpPayload, responsesPerSecondPerSource, value,
                maxTcpConnections, tcpIdleTimeout, ioThreads);
    }

    public DnsResponderConfig withMaxTcpConnections(int value) {
        return new DnsResponderConfig(bind, zones, txtTtl, maxUdpPayload, responsesPerSecondPerSource, rrlSlip,
                value, tcpIdleTimeout, ioThreads);
    }

    public DnsResponderConfig withTcpIdleTimeout(Duration value) {
        return new DnsResponderConfig(bind, zones, txtTtl, maxUdpPayload, responsesPerSecondPerSource, rrlSlip,
                maxTcpConnections, value, ioThreads);
    }

    public DnsResponderConfig withIoThreads(int value) {
        return new DnsResponderConfig(bind, zones, txtTtl, maxUdpPayload, responsesPerSecondPerSource, rrlSlip,
                maxTcpConnections, tcpIdleTimeout, value);
    }
}
