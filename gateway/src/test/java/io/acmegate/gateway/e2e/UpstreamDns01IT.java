package io.acmegate.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Issue 4, dns-01 upstream: certbot orders from the gateway; the gateway orders the same names from Pebble with
 * its own account and answers Pebble's dns-01 challenges under the owner's CNAME delegation, served by its DNS
 * responder. Pebble resolves for real: through unbound, which reaches the owner's knotd and the gateway's
 * responder. certbot ends up with Pebble's chain.
 */
class UpstreamDns01IT {

    @TempDir
    static Path work;
    private static Pebble pebble;
    private static GatewayProcess gateway;
    private static DelegatedDns dns;
    private static Path pebbleRoot;

    @BeforeAll
    static void start() {
        RequiredTools.assertInstalled("pebble", "knotd", "unbound", "nsupdate", "dig", "certbot", "openssl");
        Pebble.Setup pebbleSetup = Pebble.configure(E2e.directory(work, "pebble"));
        Path config = UpstreamGateway.writeConfig(work.resolve("upstreams.yaml"),
                List.of(new UpstreamGateway.Upstream("pebble-a", pebbleSetup, List.of("dns-01"))), 3,
                Duration.ofMinutes(5));
        gateway = UpstreamGateway.start("UpstreamDns01IT", config);
        dns = DelegatedDns.start(work, gateway);
        pebble = pebbleSetup.start(dns.resolver().address());
        pebbleRoot = pebble.writeIssuingRoot(work.resolve("pebble-root.pem"));
        for (String domain : List.of("shop.example.test", "www.shop.example.test")) {
            UpstreamGateway.delegate(gateway, dns, domain);
        }
    }

    @AfterAll
    static void stop() {
        E2e.closeQuietly(pebble);
        E2e.closeQuietly(dns);
        E2e.closeQuietly(gateway);
    }

    @Test
    void certbotGetsPebblesChainForTwoDelegatedNames() {
        Certbot certbot = new Certbot(E2e.directory(work, "certbot-two"), gateway);

        ToolRun run = certbot.certonly("shop", null, "shop.example.test", "www.shop.example.test");

        assertSucceeded(run, certbot);
        assertFalse(certbot.authHookRan(), "certbot must not be asked to solve a challenge for names under .test");
        UpstreamGateway.assertIssuedBy(pebble, pebbleRoot, certbot.live("shop"),
                Set.of("shop.example.test", "www.shop.example.test"), "certbot's certificate");
        for (String name : List.of("shop.example.test", "www.shop.example.test")) {
            assertTrue(pebble.log().contains("Value:\"" + name + "\""),
                    "Pebble must have validated " + name + " itself; its log:\n" + pebble.log());
            // the job withdraws its answers once the CA decided (issue 4)
            Dig.Answer txt = dns.challengeTxt(name);
            assertEquals(List.of(), txt.txt(), txt.describe("no TXT value may be left after issuance"));
        }
    }

    /** A wildcard and its base name: two authorizations, both answered under the same delegation label. */
    @Test
    void certbotGetsPebblesChainForAWildcardAndItsBaseName() {
        Certbot certbot = new Certbot(E2e.directory(work, "certbot-wildcard"), gateway);

        ToolRun run = certbot.certonly("wild", null, "*.shop.example.test", "shop.example.test");

        assertSucceeded(run, certbot);
        UpstreamGateway.assertIssuedBy(pebble, pebbleRoot, certbot.live("wild"),
                Set.of("*.shop.example.test", "shop.example.test"), "certbot's wildcard certificate");
    }

    private static void assertSucceeded(ToolRun run, Certbot certbot) {
        assertTrue(run.exitCode() == 0, run.describe("certbot failed") + "\ncertbot log:\n" + certbot.lastLog()
                + "\n---- gateway ----\n" + gateway.output() + "\n---- pebble ----\n" + pebble.log()
                + "\n" + dns.logs());
    }
}
