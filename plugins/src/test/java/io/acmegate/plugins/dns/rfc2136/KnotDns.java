package io.acmegate.plugins.dns.rfc2136;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Knot DNS ({@code knotd}) in the foreground on a free 127.0.0.1 port, primary for one zone loaded from a zone file,
 * accepting dynamic updates (RFC 2136) signed with the given TSIG keys and nothing else: a customer's DNS server.
 * Its configuration, zone, journal and log live in {@code directory}; failure messages quote the log.
 */
final class KnotDns implements AutoCloseable {

    private static final Path DEBIAN_KNOTD = Path.of("/usr/sbin/knotd");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);

    /** A TSIG key as Knot's configuration spells it: id (the key's DNS name), algorithm, base64 secret. */
    record Key(String id, String algorithm, String secret) {
    }

    private final String zone;
    private final int port;
    private final Path log;
    private final Process process;

    private KnotDns(String zone, int port, Path log, Process process) {
        this.zone = zone;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts knotd and waits until it answers the zone's SOA with authority (AA). */
    static KnotDns start(Path directory, String zone, List<Key> keys) throws IOException {
        String knotd = locateKnotd();
        int port = freeUdpAndTcpPort();
        Files.writeString(directory.resolve(zone + ".zone"), zoneFile(zone));
        Path config = Files.writeString(directory.resolve("knot.conf"), config(directory, zone, port, keys));
        Path log = directory.resolve("knotd.log");
        Process process = new ProcessBuilder(knotd, "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        KnotDns knot = new KnotDns(zone, port, log, process);
        try {
            knot.awaitReady();
        } catch (Throwable notReady) {
            knot.close();
            throw notReady;
        }
        return knot;
    }

    int port() {
        return port;
    }

    /** The TXT strings at {@code fqdn}, asked of Knot directly, with their TTL (seconds), e.g. {@code {v=60}}. */
    Map<String, Long> txt(String fqdn) throws IOException {
        Message response = query(fqdn, Type.TXT);
        int rcode = response.getRcode();
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            fail("Knot answered " + Rcode.string(rcode) + " for " + fqdn + " TXT\n" + describe());
        }
        return response.getSection(Section.ANSWER).stream()
                .filter(TXTRecord.class::isInstance)
                .map(TXTRecord.class::cast)
                .collect(Collectors.toMap(KnotDns::text, Record::getTTL));
    }

    /** The record's bytes as sent on the wire; getStrings() would give the escaped master-file form. */
    private static String text(TXTRecord txt) {
        StringBuilder text = new StringBuilder();
        for (byte[] string : txt.getStringsAsByteArrays()) {
            text.append(new String(string, StandardCharsets.US_ASCII));
        }
        return text.toString();
    }

    /** knotd's log so far, for failure messages. */
    String describe() {
        try {
            return "knotd log (" + log + "):\n" + Files.readString(log);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy(); // SIGTERM: knotd stops cleanly
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private Message query(String fqdn, int type) throws IOException {
        SimpleResolver resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
        resolver.setPort(port);
        resolver.setTimeout(Duration.ofSeconds(2));
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(fqdn + "."), type, DClass.IN)));
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (true) {
            if (!process.isAlive()) {
                fail("knotd exited with " + process.exitValue() + " before it served " + zone + "\n" + describe());
            }
            try {
                Message soa = query(zone, Type.SOA);
                if (soa.getRcode() == Rcode.NOERROR && soa.getHeader().getFlag(Flags.AA)) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (Instant.now().isAfter(deadline)) {
                fail("knotd did not serve " + zone + " within " + READY_TIMEOUT + "\n" + describe());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for knotd");
            }
        }
    }

    private static String locateKnotd() {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "knotd");
            if (!directory.isEmpty() && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        if (Files.isExecutable(DEBIAN_KNOTD)) {
            return DEBIAN_KNOTD.toString();
        }
        return fail("knotd (Knot DNS, Debian package knot) is not installed; the rfc2136 provider is tested against it."
                + " Run scripts/install-test-deps.sh (as root) to install the test tools");
    }

    /** A port free for UDP and TCP on 127.0.0.1 when asked; DNS serves both on one port (RFC 7766). */
    private static int freeUdpAndTcpPort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                 ServerSocket tcp = new ServerSocket()) {
                tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), udp.getLocalPort()));
                return udp.getLocalPort();
            } catch (IOException taken) {
                // the TCP side is in use: try another
            }
        }
        throw new UncheckedIOException(new IOException("no port free for both UDP and TCP on 127.0.0.1"));
    }

    private static String zoneFile(String zone) {
        return """
                $ORIGIN %1$s.
                $TTL 300
                @ SOA ns.%1$s. hostmaster.%1$s. 1 60 60 3600 1
                @ NS ns.%1$s.
                ns A 127.0.0.1
                shop A 192.0.2.10
                """.formatted(zone);
    }

    private static String config(Path directory, String zone, int port, List<Key> keys) {
        String dir = directory.toAbsolutePath().toString();
        StringBuilder keySection = new StringBuilder();
        for (Key key : keys) {
            keySection.append("  - id: ").append(key.id()).append('\n')
                    .append("    algorithm: ").append(key.algorithm()).append('\n')
                    .append("    secret: ").append(key.secret()).append('\n');
        }
        String keyIds = keys.stream().map(Key::id).collect(Collectors.joining(", ", "[", "]"));
        return """
                server:
                    rundir: "%1$s"
                    listen: 127.0.0.1@%2$d
                log:
                  - target: stderr
                    any: info
                database:
                    storage: "%1$s"
                key:
                %3$s
                acl:
                  - id: update_acl
                    address: 127.0.0.1
                    key: %4$s
                    action: update
                template:
                  - id: default
                    storage: "%1$s"
                    file: "%%s.zone"
                    zonefile-sync: -1
                    zonefile-load: difference-no-serial
                    journal-content: all
                zone:
                  - domain: %5$s
                    acl: update_acl
                """.formatted(dir, port, keySection.toString().stripTrailing(), keyIds, zone);
    }
}
