package io.acmegate.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Managed Challenges with the rfc2136 DNS provider: the owner's zone {@value #ZONE} is not delegated to acmegate;
 * it is served by the owner's Knot, which takes dynamic updates (RFC 2136) signed with a TSIG key (RFC 8945) that
 * only acmegate's configuration holds. certbot orders {@value #NAME} from acmegate; acmegate orders it from Pebble,
 * writes {@code _acme-challenge.}{@value #NAME}{@code  TXT} into Knot, Pebble resolves it through unbound, and
 * acmegate deletes the record once Pebble decided. Knot's journal shows both updates.
 */
class Rfc2136Dns01IT {

    private static final String ZONE = "example.test";
    private static final String NAME = "shop." + ZONE;
    private static final String CHALLENGE_OWNER = "_acme-challenge." + NAME + ".";
    private static final KnotServer.TsigKey KEY = new KnotServer.TsigKey("acmegate-update", "hmac-sha256",
            randomSecret());

    @TempDir
    static Path work;
    private static KnotServer knot;
    private static UnboundResolver resolver;
    private static Pebble pebble;
    private static Path pebbleRoot;
    private static GatewayProcess gateway;

    @BeforeAll
    static void start() {
        RequiredTools.assertInstalled("pebble", "knotd", "kjournalprint", "unbound", "nsupdate", "dig", "certbot",
                "openssl");
        knot = KnotServer.startWithTsig(E2e.directory(work, "customer-knot"), ZONE, KEY, "shop A 192.0.2.10");
        resolver = UnboundResolver.start(E2e.directory(work, "unbound"), Map.of(ZONE, knot.port()));
        Pebble.Setup pebbleSetup = Pebble.configure(E2e.directory(work, "pebble"));
        Path config = UpstreamGateway.writeConfig(work.resolve("upstreams.yaml"),
                List.of(new UpstreamGateway.Upstream("pebble", pebbleSetup, List.of("dns-01"))), 3,
                Duration.ofMinutes(5));
        appendDnsProvider(config);
        gateway = UpstreamGateway.start("Rfc2136Dns01IT", config);
        pebble = pebbleSetup.start(resolver.address());
        pebbleRoot = pebble.writeIssuingRoot(work.resolve("pebble-root.pem"));
    }

    @AfterAll
    static void stop() {
        E2e.closeQuietly(pebble);
        E2e.closeQuietly(gateway);
        E2e.closeQuietly(resolver);
        E2e.closeQuietly(knot);
    }

    @Test
    void certbotGetsPebblesChainWhileAcmegateUpdatesTheOwnersZoneWithTsig() {
        assertFalse(unsignedUpdateAccepted(), "Knot must refuse updates without the TSIG key\n" + knot.log());
        assertEquals(List.of(), Dig.udp(knot.port(), CHALLENGE_OWNER, "CNAME").records(),
                "nothing may delegate " + CHALLENGE_OWNER + " to acmegate");
        long serialBefore = serial();
        Certbot certbot = new Certbot(E2e.directory(work, "certbot"), gateway);

        ToolRun run = certbot.certonly("shop", null, NAME);

        assertTrue(run.exitCode() == 0, run.describe("certbot failed") + "\ncertbot log:\n" + certbot.lastLog()
                + "\n---- gateway ----\n" + gateway.output() + "\n---- pebble ----\n" + pebble.log()
                + "\n---- knotd ----\n" + knot.log() + "\n---- unbound ----\n" + resolver.log());
        assertFalse(certbot.authHookRan(), "certbot must not be asked to solve a challenge for names under .test");
        UpstreamGateway.assertIssuedBy(pebble, pebbleRoot, certbot.live("shop"), Set.of(NAME),
                "certbot's certificate");
        assertTrue(pebble.log().contains("Value:\"" + NAME + "\""),
                "Pebble must have validated " + NAME + " itself; its log:\n" + pebble.log());

        String journal = knot.journal();
        List<Changeset> changes = Changeset.parse(journal);
        assertEquals(2, changes.size(), "Knot must have taken exactly two updates (publish, withdraw):\n" + journal);
        List<String> published = changes.get(0).txtAdded(CHALLENGE_OWNER);
        assertEquals(1, published.size(), "the first update must add one TXT at " + CHALLENGE_OWNER + ":\n" + journal);
        // RFC 8555 §8.4: the value is the base64url SHA-256 digest of the key authorization, 43 characters
        assertTrue(published.get(0).matches("\"[A-Za-z0-9_-]{43}\""), "not a dns-01 digest: " + published);
        assertEquals(List.of(), changes.get(0).txtRemoved(CHALLENGE_OWNER), "the first update only adds:\n" + journal);
        assertEquals(published, changes.get(1).txtRemoved(CHALLENGE_OWNER),
                "the second update must delete the TXT value the first added:\n" + journal);
        assertEquals(List.of(), changes.get(1).txtAdded(CHALLENGE_OWNER), "the second update only deletes:\n" + journal);
        assertEquals(serialBefore + 2, serial(), "each update increments the zone's serial");
        Dig.Answer left = Dig.udp(knot.port(), CHALLENGE_OWNER, "TXT");
        assertEquals(List.of(), left.txt(), left.describe("no TXT value may be left after issuance"));
    }

    /** One changeset of Knot's journal: the lines under ";; Removed" and ";; Added". */
    private record Changeset(List<String> removed, List<String> added) {

        static List<Changeset> parse(String journal) {
            List<Changeset> changes = new ArrayList<>();
            List<String> section = null;
            for (String line : journal.lines().toList()) {
                if (line.startsWith(";; Changes between zone versions")) {
                    changes.add(new Changeset(new ArrayList<>(), new ArrayList<>()));
                } else if (line.equals(";; Removed") && !changes.isEmpty()) {
                    section = changes.getLast().removed();
                } else if (line.equals(";; Added") && !changes.isEmpty()) {
                    section = changes.getLast().added();
                } else if (section != null && !line.isBlank() && !line.startsWith(";")) {
                    section.add(line);
                }
            }
            return changes;
        }

        List<String> txtAdded(String owner) {
            return txt(added, owner);
        }

        List<String> txtRemoved(String owner) {
            return txt(removed, owner);
        }

        /** The data of the TXT records at {@code owner}: lines "OWNER TTL TXT DATA". */
        private static List<String> txt(List<String> records, String owner) {
            return records.stream().map(line -> line.strip().split("\\s+", 4))
                    .filter(fields -> fields.length == 4 && fields[0].equalsIgnoreCase(owner) && fields[2].equals("TXT"))
                    .map(fields -> fields[3]).toList();
        }
    }

    private static long serial() {
        Dig.Answer soa = Dig.udp(knot.port(), ZONE, "SOA");
        assertNotEquals(List.of(), soa.records(), soa.describe("no SOA"));
        return Long.parseLong(soa.records().get(0).data().split("\\s+")[2]);
    }

    /** Whether Knot takes an update that is not signed (it must not). */
    private static boolean unsignedUpdateAccepted() {
        Path script = work.resolve("unsigned-update.txt");
        try {
            Files.writeString(script, "server 127.0.0.1 " + knot.port() + "\nzone " + ZONE + ".\nupdate add "
                    + CHALLENGE_OWNER + " 1 TXT \"unsigned\"\nsend\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Tool.command("nsupdate", "-t", "5", script.toString()).timeout(Duration.ofSeconds(20)).run()
                .exitCode() == 0;
    }

    /** The owner's zone as a DNS provider of type rfc2136 (UpstreamsConfig's {@code dns-providers}). */
    private static void appendDnsProvider(Path config) {
        String yaml = """
                dns-providers:
                  - name: corp
                    type: rfc2136
                    settings:
                      server: 127.0.0.1:%d
                      zone: %s
                      tsig-key-name: %s
                      tsig-algorithm: %s
                      tsig-secret: "%s"
                """.formatted(knot.port(), ZONE, KEY.name(), KEY.algorithm(), KEY.secret());
        try {
            Files.writeString(config, yaml, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }
}
