package io.acmegate.gateway.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * unbound on 127.0.0.1 as the recursive resolver a CA (Pebble) and the {@code delegation check} command use. It
 * knows no root: every zone it resolves is a stub zone pointing at a server on loopback. No DNSSEC validation
 * (iterator module only), and no caching beyond zero seconds, so that a record changed by a test is seen by the
 * next query.
 */
public final class UnboundResolver implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);

    private final int port;
    private final Daemon daemon;

    private UnboundResolver(int port, Daemon daemon) {
        this.port = port;
        this.daemon = daemon;
    }

    /**
     * Starts unbound with its configuration in {@code directory} and waits until it answers.
     *
     * @param stubZones zone name (no trailing dot) to the 127.0.0.1 port of its authoritative server
     */
    public static UnboundResolver start(Path directory, Map<String, Integer> stubZones) {
        RequiredTools.assertInstalled("unbound", "dig");
        int port = LoopbackPorts.udpAndTcp();
        Path config = directory.resolve("unbound.conf");
        try {
            Files.writeString(config, config(directory, port, stubZones));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Daemon daemon = Daemon.start("unbound", List.of(RequiredTools.locate("unbound"), "-d", "-c",
                config.toString()), Map.of());
        UnboundResolver resolver = new UnboundResolver(port, daemon);
        try {
            // "localhost." is one of unbound's built-in local zones: an answer means it is serving.
            daemon.awaitReady(READY_TIMEOUT, () -> Dig.udp(port, "localhost", "A").status().equals("NOERROR"));
        } catch (Throwable notReady) {
            resolver.close();
            throw notReady;
        }
        return resolver;
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:PORT}, as Pebble's -dnsserver, lego's --dns.resolvers and acmegate's --resolver take it. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** Everything unbound logged so far. */
    public String log() {
        return daemon.output();
    }

    @Override
    public void close() {
        daemon.close();
    }

    private static String config(Path directory, int port, Map<String, Integer> stubZones) {
        String dir = directory.toAbsolutePath().toString();
        StringBuilder config = new StringBuilder("""
                server:
                    interface: 127.0.0.1@%2$d
                    do-ip6: no
                    do-daemonize: no
                    username: ""
                    chroot: ""
                    directory: "%1$s"
                    pidfile: "%1$s/unbound.pid"
                    use-syslog: no
                    logfile: ""
                    verbosity: 1
                    log-servfail: yes
                    access-control: 127.0.0.0/8 allow
                    # the stub servers all listen on loopback
                    do-not-query-localhost: no
                    # no DNSSEC: the test zones are unsigned and there is no trust anchor
                    module-config: "iterator"
                    # .test is one of unbound's built-in local zones (RFC 6761): resolve it through the stubs
                    local-zone: "test." nodefault
                    cache-max-ttl: 0
                    cache-max-negative-ttl: 0
                    # a server that did not answer (the gateway while restarting) is retried soon
                    infra-host-ttl: 2
                """.formatted(dir, port));
        stubZones.keySet().forEach(zone -> config.append("    domain-insecure: \"").append(zone).append("\"\n"));
        stubZones.forEach((zone, zonePort) -> config.append("stub-zone:\n    name: \"").append(zone)
                .append("\"\n    stub-addr: 127.0.0.1@").append(zonePort).append('\n'));
        return config.toString();
    }
}
