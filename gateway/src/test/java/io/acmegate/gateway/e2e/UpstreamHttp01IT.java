package io.acmegate.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4, http-01 upstream: the gateway answers Pebble's http-01 challenges with its HTTP-01 responder. Pebble
 * resolves each name through unbound to the owner's knotd, where it is {@code A 127.0.0.1}, and connects to
 * the port it is configured with, where the gateway's responder listens (as port 80 would be forwarded to it).
 */
class UpstreamHttp01IT {

    private static final List<String> NAMES = List.of("web.example.test", "www.web.example.test", "api.example.test");

    @TempDir
    static Path work;
    private static Pebble pebble;
    private static GatewayProcess gateway;
    private static DelegatedDns dns;
    private static Path pebbleRoot;

    @BeforeAll
    static void start() {
        RequiredTools.assertInstalled("pebble", "knotd", "unbound", "nsupdate", "dig", "certbot", "lego", "openssl");
        Pebble.Setup pebbleSetup = Pebble.configure(E2e.directory(work, "pebble"));
        Path config = UpstreamGateway.writeConfig(work.resolve("upstreams.yaml"),
                List.of(new UpstreamGateway.Upstream("pebble-a", pebbleSetup, List.of("http-01"))), 3,
                Duration.ofMinutes(5));
        gateway = UpstreamGateway.start("UpstreamHttp01IT", config);
        dns = DelegatedDns.start(work, gateway);
        for (String name : NAMES) {
            dns.customer().add(name + ".", "A", "127.0.0.1");
        }
        pebble = pebbleSetup.httpPort(gateway.http01Responder().getPort()).start(dns.resolver().address());
        pebbleRoot = pebble.writeIssuingRoot(work.resolve("pebble-root.pem"));
    }

    @AfterAll
    static void stop() {
        E2e.closeQuietly(pebble);
        E2e.closeQuietly(dns);
        E2e.closeQuietly(gateway);
    }

    @Test
    void certbotGetsPebblesChainThroughTheHttp01Responder() {
        Certbot certbot = new Certbot(E2e.directory(work, "certbot"), gateway);

        ToolRun run = certbot.certonly("web", null, "web.example.test", "www.web.example.test");

        assertTrue(run.exitCode() == 0, run.describe("certbot failed") + "\ncertbot log:\n" + certbot.lastLog()
                + logs());
        assertFalse(certbot.authHookRan(), "certbot must not be asked to solve a challenge for names under .test");
        UpstreamGateway.assertIssuedBy(pebble, pebbleRoot, certbot.live("web"),
                Set.of("web.example.test", "www.web.example.test"), "certbot's certificate");
        assertTrue(pebble.log().contains("Value:\"www.web.example.test\""),
                "Pebble must have validated www.web.example.test itself; its log:\n" + pebble.log());
    }

    @Test
    void legoGetsPebblesChainThroughTheHttp01Responder() {
        Path home = E2e.directory(work, "lego");
        Lego lego = new Lego(home, gateway, null);

        ToolRun run = lego.run("api.example.test");

        assertEquals(0, run.exitCode(), run.describe("lego failed") + logs());
        List<X509Certificate> bundle = Certificates.readPem(lego.bundle("api.example.test"));
        assertEquals(Set.of("api.example.test"), Certificates.dnsNames(bundle.get(0)), "the leaf's DNS names");
        assertEquals(pebble.issuingIntermediate().getSubjectX500Principal(), bundle.get(0).getIssuerX500Principal(),
                "the leaf must be signed by Pebble's intermediate");
        Certificates.assertOpensslVerifies(pebbleRoot, bundle, E2e.directory(work, "lego-verify"));
    }

    private static String logs() {
        return "\n---- gateway ----\n" + gateway.output() + "\n---- pebble ----\n" + pebble.log() + "\n" + dns.logs();
    }
}
