package io.acmegate.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4, fallback: two Pebbles as CA A and CA B, routed A first. While A is down (connection refused), certbot's
 * order completes from B; once A is back and the cool-down after its failure has passed, the next order is issued
 * by A again. Each certificate is checked against the root of the Pebble that must have issued it, and must not
 * verify against the other's.
 */
class FallbackIT {

    private static final Duration COOLDOWN = Duration.ofSeconds(3);
    private static final Set<String> NAMES = Set.of("store.example.test");

    @TempDir
    static Path work;
    private static Pebble.Setup setupA;
    private static Pebble pebbleA;
    private static Pebble pebbleB;
    private static GatewayProcess gateway;
    private static DelegatedDns dns;

    @BeforeAll
    static void start() {
        RequiredTools.assertInstalled("pebble", "knotd", "unbound", "nsupdate", "dig", "certbot", "openssl");
        setupA = Pebble.configure(E2e.directory(work, "pebble-a"));
        Pebble.Setup setupB = Pebble.configure(E2e.directory(work, "pebble-b"));
        Path config = UpstreamGateway.writeConfig(work.resolve("upstreams.yaml"), List.of(
                new UpstreamGateway.Upstream("pebble-a", setupA, List.of("dns-01")),
                new UpstreamGateway.Upstream("pebble-b", setupB, List.of("dns-01"))), 1, COOLDOWN);
        gateway = UpstreamGateway.start("FallbackIT", config);
        dns = DelegatedDns.start(work, gateway);
        pebbleB = setupB.start(dns.resolver().address());
        NAMES.forEach(name -> UpstreamGateway.delegate(gateway, dns, name));
    }

    @AfterAll
    static void stop() {
        E2e.closeQuietly(pebbleA);
        E2e.closeQuietly(pebbleB);
        E2e.closeQuietly(dns);
        E2e.closeQuietly(gateway);
    }

    @Test
    void ordersCompleteFromBWhileAIsDownAndFromAAgainAfterTheCooldown() throws InterruptedException {
        Path rootB = pebbleB.writeIssuingRoot(work.resolve("root-b.pem"));

        Certbot whileADown = new Certbot(E2e.directory(work, "certbot-a-down"), gateway);
        assertCertbotSucceeded(whileADown, whileADown.certonly("store", null, NAMES.toArray(String[]::new)));
        UpstreamGateway.assertIssuedBy(pebbleB, rootB, whileADown.live("store"), NAMES,
                "with CA A down, the certificate must come from CA B");

        pebbleA = setupA.start(dns.resolver().address());
        Path rootA = pebbleA.writeIssuingRoot(work.resolve("root-a.pem"));
        assertFalse(UpstreamGateway.opensslVerifies(rootA, whileADown.live("store")),
                "the certificate issued while A was down must not chain to A's root");
        Thread.sleep(COOLDOWN.plusSeconds(1).toMillis());

        Certbot afterCooldown = new Certbot(E2e.directory(work, "certbot-a-back"), gateway);
        assertCertbotSucceeded(afterCooldown, afterCooldown.certonly("store", null, NAMES.toArray(String[]::new)));
        UpstreamGateway.assertIssuedBy(pebbleA, rootA, afterCooldown.live("store"), NAMES,
                "with CA A back and the cool-down passed, the certificate must come from CA A");
        assertFalse(UpstreamGateway.opensslVerifies(rootB, afterCooldown.live("store")),
                "the certificate issued after A came back must not chain to B's root");
    }

    private static void assertCertbotSucceeded(Certbot certbot, ToolRun run) {
        assertTrue(run.exitCode() == 0, run.describe("certbot failed") + "\ncertbot log:\n" + certbot.lastLog()
                + "\n---- gateway ----\n" + gateway.output() + "\n---- pebble B ----\n" + pebbleB.log()
                + (pebbleA == null ? "" : "\n---- pebble A ----\n" + pebbleA.log()) + "\n" + dns.logs());
    }
}
