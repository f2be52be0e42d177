package io.acmegate.dns.bench;

import io.acmegate.dns.DnsResponder;
import io.acmegate.dns.DnsResponderConfig;
import io.acmegate.dns.DnsZone;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the responder alone for scripts/bench-dns.sh: {@code port names ioThreads}. Publishes {@code names} TXT
 * records {@code n<i>.bench.acme.test} whose value is {@link #value(int)}, with rate limiting off (a load
 * generator is one source), prints {@code READY <port>} and serves until killed.
 */
public final class StandaloneResponder {

    public static final String APEX = "bench.acme.test";

    private StandaloneResponder() {
    }

    /** The 43-character value of name {@code i}, the length of an ACME dns-01 digest. */
    public static String value(int i) {
        String digits = Integer.toString(i);
        return digits + "-" + "k".repeat(42 - digits.length());
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        int names = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int ioThreads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Map<String, List<String>> records = new HashMap<>();
        for (int i = 0; i < names; i++) {
            records.put("n" + i + "." + APEX, List.of(value(i)));
        }
        Map<String, List<String>> frozen = Map.copyOf(records);
        var zone = DnsZone.of(APEX, List.of(new DnsZone.NameServer("ns1." + APEX,
                List.of(InetAddress.getByName("127.0.0.1")))), "hostmaster." + APEX);
        var config = DnsResponderConfig.of(new InetSocketAddress("127.0.0.1", port), List.of(zone))
                .withResponsesPerSecondPerSource(0)
                .withIoThreads(ioThreads);
        DnsResponder responder = DnsResponder.start(config, name -> frozen.getOrDefault(name, List.of()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stats " + responder.stats());
            responder.close();
        }));
        System.out.println("READY " + responder.address().getPort());
        new CountDownLatch(1).await();
    }
}
