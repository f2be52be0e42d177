package io.acmegate.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Knot DNS ({@code knotd}) on 127.0.0.1, authoritative for one zone: a domain owner's DNS, where the owner creates
 * {@code _acme-challenge} CNAMEs. Records are added with dynamic update (RFC 2136, {@code nsupdate}), which
 * 127.0.0.1 may send without a key; a server from {@link #startWithTsig} accepts only updates signed with its TSIG
 * key (RFC 8945) and keeps every change in its journal. Every record has TTL 1 and the SOA's negative TTL is 1
 * (RFC 2308), so that a resolver holds no answer for long.
 */
public final class KnotServer implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);

    /** A TSIG key as Knot's configuration spells it: its name, algorithm (e.g. hmac-sha256) and base64 secret. */
    public record TsigKey(String name, String algorithm, String secret) {
    }

    private final String zone;
    private final int port;
    private final Path directory;
    private final Daemon daemon;

    private KnotServer(String zone, int port, Path directory, Daemon daemon) {
        this.zone = zone;
        this.port = port;
        this.directory = directory;
        this.daemon = daemon;
    }

    /**
     * Starts knotd for {@code zone} with its configuration, zone file, journal and control socket in
     * {@code directory}, and waits until it answers the zone's SOA with authority.
     *
     * @param records further master-file lines for the zone, relative to its origin
     */
    public static KnotServer start(Path directory, String zone, String... records) {
        return start(directory, zone, null, records);
    }

    /**
     * As {@link #start(Path, String, String...)}, but the zone accepts dynamic updates from 127.0.0.1 only when
     * signed with {@code key}, and its journal keeps each change ({@link #journal()}). {@link #add} and
     * {@link #delete} send unsigned updates, which this server refuses.
     */
    public static KnotServer startWithTsig(Path directory, String zone, TsigKey key, String... records) {
        return start(directory, zone, key, records);
    }

    private static KnotServer start(Path directory, String zone, TsigKey key, String... records) {
        RequiredTools.assertInstalled("knotd", "nsupdate", "dig");
        int port = LoopbackPorts.udpAndTcp();
        Path config = directory.resolve("knot.conf");
        try {
            Files.writeString(directory.resolve(zone + ".zone"), zoneFile(zone, records));
            Files.writeString(config, config(directory, zone, port, key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Daemon daemon = Daemon.start("knotd-" + zone, List.of(RequiredTools.locate("knotd"), "-c", config.toString()),
                Map.of());
        KnotServer server = new KnotServer(zone, port, directory, daemon);
        try {
            daemon.awaitReady(READY_TIMEOUT, () -> {
                Dig.Answer soa = Dig.udp(port, zone, "SOA");
                return soa.status().equals("NOERROR") && soa.flags().contains("aa");
            });
        } catch (Throwable notReady) {
            server.close();
            throw notReady;
        }
        return server;
    }

    public int port() {
        return port;
    }

    public String zone() {
        return zone;
    }

    /** Adds one record with TTL 1, e.g. {@code add("_acme-challenge.shop.example.test.", "CNAME", "x.acme.test.")}. */
    public void add(String owner, String type, String data) {
        update("update add " + owner + " 1 " + type + " " + data);
    }

    /** Deletes every record of this type at this name. */
    public void delete(String owner, String type) {
        update("update delete " + owner + " " + type);
    }

    private void update(String change) {
        Path script = directory.resolve("nsupdate.txt");
        try {
            Files.writeString(script, "server 127.0.0.1 " + port + "\nzone " + zone + ".\n" + change + "\nsend\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ToolRun run = Tool.command("nsupdate", "-t", "5", script.toString()).timeout(Duration.ofSeconds(20)).run();
        assertEquals(0, run.exitCode(), run.describe("dynamic update '" + change + "' of " + zone + " failed")
                + "\n" + daemon.describe("logged"));
    }

    /**
     * The zone's changesets as {@code kjournalprint} prints them: per dynamic update, the records removed and
     * added. Empty unless the server was started with {@link #startWithTsig} (the others keep no journal).
     */
    public String journal() {
        return Tool.command(RequiredTools.locate("kjournalprint"), "-x", "-D", directory.resolve("journal").toString(),
                zone + ".").timeout(Duration.ofSeconds(20)).runSuccessfully().output();
    }

    /** Everything knotd logged so far. */
    public String log() {
        return daemon.output();
    }

    @Override
    public void close() {
        daemon.close();
    }

    private static String zoneFile(String zone, String... records) {
        StringBuilder file = new StringBuilder()
                .append("$ORIGIN ").append(zone).append(".\n$TTL 1\n")
                // RFC 2308 §4: the SOA minimum is the negative-caching TTL.
                .append("@ SOA ns.").append(zone).append(". hostmaster.").append(zone).append(". 1 60 60 3600 1\n")
                .append("@ NS ns.").append(zone).append(".\n")
                .append("ns A 127.0.0.1\n");
        for (String record : records) {
            file.append(record).append('\n');
        }
        return file.toString();
    }

    private static String config(Path directory, String zone, int port, TsigKey key) {
        String dir = directory.toAbsolutePath().toString();
        String keys = key == null ? "" : """
                key:
                  - id: %s
                    algorithm: %s
                    secret: %s
                """.formatted(key.name(), key.algorithm(), key.secret());
        return keys + """
                server:
                    rundir: "%1$s"
                    listen: 127.0.0.1@%2$d
                log:
                  - target: stderr
                    any: info
                database:
                    storage: "%1$s"
                control:
                    listen: "%1$s/knot.sock"
                acl:
                  - id: loopback-update
                    address: 127.0.0.1
                    action: update%4$s
                template:
                  - id: default
                    storage: "%1$s"
                    file: "%%s.zone"
                    zonefile-sync: -1
                    zonefile-load: whole
                    journal-content: %5$s
                zone:
                  - domain: %3$s
                    acl: loopback-update
                """.formatted(dir, port, zone, key == null ? "" : "\n    key: " + key.name(),
                key == null ? "none" : "changes");
    }
}
