package io.acmegate.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;

/**
 * Issue 4: kill -9 of the gateway while an order is processing upstream. Pebble runs with its default strictness
 * (it rejects 5 % of good nonces and sleeps before each validation), so the gateway is killed while Pebble is
 * still validating the answer it published. After a restart on the same data directory and ports, the job
 * resumes and the client polling its order gets a certificate from Pebble.
 */
class UpstreamKillNineIT {

    /** Orders tried until finalize answers "processing" (see the test). */
    private static final int ATTEMPTS = 4;
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration ORDER_TIMEOUT = Duration.ofSeconds(45);

    @TempDir
    static Path work;
    private static Pebble pebble;
    private static GatewayProcess gateway;
    private static DelegatedDns dns;
    private static String delegationTarget;

    @BeforeAll
    static void start() {
        RequiredTools.assertInstalled("pebble", "knotd", "unbound", "nsupdate", "dig", "openssl");
        Pebble.Setup pebbleSetup = Pebble.configure(E2e.directory(work, "pebble"))
                .environment("PEBBLE_VA_NOSLEEP", null)
                .environment("PEBBLE_VA_SLEEPTIME", "10")
                .environment("PEBBLE_WFE_NONCEREJECT", null);
        Path config = UpstreamGateway.writeConfig(work.resolve("upstreams.yaml"),
                List.of(new UpstreamGateway.Upstream("pebble-a", pebbleSetup, List.of("dns-01"))), 3,
                Duration.ofMinutes(5));
        gateway = UpstreamGateway.start("UpstreamKillNineIT", config);
        dns = DelegatedDns.start(work, gateway);
        pebble = pebbleSetup.start(dns.resolver().address());
    }

    @AfterAll
    static void stop() {
        E2e.closeQuietly(pebble);
        E2e.closeQuietly(dns);
        E2e.closeQuietly(gateway);
    }

    @Test
    void anOrderProcessingUpstreamCompletesAfterKillNineAndRestart() throws Exception {
        AcmeClient client = new AcmeClient(gateway);
        KeyPair accountKey = AcmeClient.newKeyPair();
        Login login = client.login(client.newAccount(accountKey, null).getLocation(), accountKey);
        // Pebble's VA sleeps a random 0 to 9 s (PEBBLE_VA_SLEEPTIME=10) before it validates. After a short sleep the
        // upstream issuance can end within finalize's wait, or Pebble can validate before the kill. Then another
        // order, for a fresh name, so that the kill lands while Pebble is still validating.
        String name;
        Order order;
        boolean answering;
        int attempt = 0;
        do {
            attempt++;
            name = "vault-" + attempt + ".example.test";
            delegationTarget = UpstreamGateway.delegate(gateway, dns, name);
            order = AcmeClient.orderWithValidAuthorizations(login, name);
            AcmeClient.finalizeOrder(order, AcmeClient.newKeyPair(), List.of(name));
            answering = order.getStatus() == Status.PROCESSING && answerPublished();
        } while (!answering && attempt < ATTEMPTS);
        assertEquals(Status.PROCESSING, order.getStatus(),
                "finalize must answer processing while Pebble is still validating; gateway:\n" + gateway.output());
        assertTrue(answering, "the gateway published no dns-01 answer at " + delegationTarget + " within "
                + PUBLISH_TIMEOUT + logs());

        gateway.kill9();
        gateway.restart();
        assertTrue(gateway.output().contains("resumed-orders: 1"),
                "the restarted gateway must say it resumed the order; it printed:\n" + gateway.output());

        Order polled = client.login(login.getAccount().getLocation(), accountKey).bindOrder(order.getLocation());
        Status status = pollUntilDecided(polled);
        assertEquals(Status.VALID, status, "order " + order.getLocation() + " ended " + status
                + polled.getError().map(problem -> ": " + problem).orElse("") + logs());
        polled.getCertificate().download();
        List<X509Certificate> chain = polled.getCertificate().getCertificateChain();
        assertEquals(Set.of(name), Certificates.dnsNames(chain.get(0)), "the leaf's DNS names");
        assertEquals(pebble.issuingIntermediate().getSubjectX500Principal(), chain.get(0).getIssuerX500Principal(),
                "the leaf must be signed by Pebble's intermediate");
        Certificates.assertOpensslVerifies(pebble.writeIssuingRoot(work.resolve("pebble-root.pem")), chain,
                E2e.directory(work, "verify"));
    }

    /**
     * Polls the order every half second until it is valid or invalid. Not acme4j's waitForCompletion: acme4j 4.0
     * reads "Retry-After: 1" relative to the response's Date header (whole seconds), and when that instant has
     * already passed it calls Thread.sleep with a negative time and throws IllegalArgumentException.
     */
    private static Status pollUntilDecided(Order order) throws Exception {
        Instant deadline = Instant.now().plus(ORDER_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            order.fetch();
            if (order.getStatus() == Status.VALID || order.getStatus() == Status.INVALID) {
                return order.getStatus();
            }
            Thread.sleep(500);
        }
        return order.getStatus();
    }

    /** Whether the gateway's DNS responder serves a TXT value for the name within the timeout: the job is answering. */
    private static boolean answerPublished() throws InterruptedException {
        Instant deadline = Instant.now().plus(PUBLISH_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!Dig.udp(gateway.dnsResponderPort(), delegationTarget, "TXT").txt().isEmpty()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static String logs() {
        return "\n---- gateway ----\n" + gateway.output() + "\n---- pebble ----\n" + pebble.log() + "\n" + dns.logs();
    }
}
