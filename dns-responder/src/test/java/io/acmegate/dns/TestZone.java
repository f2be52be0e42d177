package io.acmegate.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/** The zone the tests serve: acme.gw.example.net, one in-zone name server with glue and one outside. */
final class TestZone {

    static final String APEX = "acme.gw.example.net";
    static final String NS1 = "ns1.acme.gw.example.net";
    static final String NS2 = "ns2.other.example.org";
    static final String NS1_V4 = "192.0.2.53";
    static final String NS1_V6 = "2001:db8::53";

    private TestZone() {
    }

    static DnsZone zone() {
        try {
            return DnsZone.of(APEX, List.of(
                    new DnsZone.NameServer(NS1, List.of(InetAddress.getByName(NS1_V4), InetAddress.getByName(NS1_V6))),
                    DnsZone.NameServer.named(NS2)), "hostmaster@example.net");
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Loopback, free port, rate limiting off unless a test turns it on. */
    static DnsResponderConfig config() {
        return DnsResponderConfig.of(new InetSocketAddress("127.0.0.1", 0), List.of(zone()))
                .withResponsesPerSecondPerSource(0);
    }

    /** A long TXT value, distinct per index, for the truncation tests. */
    static String longValue(int i) {
        return String.format("%03d-", i) + "x".repeat(196);
    }
}
