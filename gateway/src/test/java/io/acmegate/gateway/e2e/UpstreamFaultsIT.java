package io.acmegate.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fallback on faults a CA answers with rather than silence: Pebble A sits behind a {@link FaultProxy}, Pebble B is
 * plain, routed A first with one failure opening A's circuit breaker for {@value #COOLDOWN_SECONDS} s.
 *
 * <ul>
 *   <li>A answers every POST with 503: certbot's order completes from B, and {@code acmegate audit} shows the
 *       failed attempt at A with its reason, then the issuance by B; after the cool-down the next order comes
 *       from A again.</li>
 *   <li>A answers newOrder with rateLimited (429, Retry-After 2 s): the same, A again once Retry-After passed.</li>
 *   <li>A's Pebble runs at its default strictness throughout (5 % of good nonces rejected, random validation
 *       delays), and in a last order the proxy also rejects every other POST as badNonce: acme4j retries each with
 *       a fresh nonce (RFC 8555 §6.5), so the order still comes from A with no failed attempt.</li>
 * </ul>
 */
class UpstreamFaultsIT {

    private static final int COOLDOWN_SECONDS = 3;
    private static final Duration COOLDOWN = Duration.ofSeconds(COOLDOWN_SECONDS);
    /** Beyond a cool-down or Retry-After, so that the breaker has surely closed. */
    private static final Duration MARGIN = Duration.ofMillis(700);

    @TempDir
    static Path work;
    private static FaultProxy proxy;
    private static Pebble pebbleA;
    private static Pebble pebbleB;
    private static Path rootA;
    private static Path rootB;
    private static GatewayProcess gateway;
    private static DelegatedDns dns;
    private static Certbot certbot;

    @BeforeAll
    static void start() {
        RequiredTools.assertInstalled("pebble", "knotd", "unbound", "nsupdate", "dig", "certbot", "openssl");
        // Pebble's defaults: 5 % of good nonces rejected, a random sleep before each validation.
        Pebble.Setup setupA = Pebble.configure(E2e.directory(work, "pebble-a"))
                .environment("PEBBLE_WFE_NONCEREJECT", null)
                .environment("PEBBLE_VA_NOSLEEP", null);
        Pebble.Setup setupB = Pebble.configure(E2e.directory(work, "pebble-b"));
        proxy = FaultProxy.start(E2e.directory(work, "proxy"), setupA.directory(), setupA.tlsCa());
        Path config = UpstreamGateway.writeConfig(work.resolve("upstreams.yaml"), List.of(
                new UpstreamGateway.Upstream("pebble-a", proxy.directory(), proxy.tlsCa(), List.of("dns-01")),
                new UpstreamGateway.Upstream("pebble-b", setupB, List.of("dns-01"))), 1, COOLDOWN);
        gateway = UpstreamGateway.start("UpstreamFaultsIT", config);
        dns = DelegatedDns.start(work, gateway);
        pebbleA = setupA.start(dns.resolver().address());
        pebbleB = setupB.start(dns.resolver().address());
        rootA = pebbleA.writeIssuingRoot(work.resolve("root-a.pem"));
        rootB = pebbleB.writeIssuingRoot(work.resolve("root-b.pem"));
        for (String name : List.of("busy", "recovered", "limited", "waited", "nonces")) {
            UpstreamGateway.delegate(gateway, dns, name + ".example.test");
        }
        certbot = new Certbot(E2e.directory(work, "certbot"), gateway);
    }

    @AfterAll
    static void stop() {
        E2e.closeQuietly(proxy);
        E2e.closeQuietly(pebbleA);
        E2e.closeQuietly(pebbleB);
        E2e.closeQuietly(dns);
        E2e.closeQuietly(gateway);
    }

    @Test
    void ordersFallBackToBOnFaultsAtAAndReturnToAOnceItMayBeAskedAgain() throws InterruptedException {
        proxy.mode(FaultProxy.Mode.SERVICE_UNAVAILABLE);
        order("busy", pebbleB, rootB, "with A answering 503, the certificate must come from B");
        assertTrue(proxy.injected(FaultProxy.Mode.SERVICE_UNAVAILABLE) > 0, "the proxy must have answered 503");
        AuditTrail.Line unavailable = AuditTrail.read(gateway, "busy.example.test").assertFellBack("pebble-a",
                "pebble-b", "503");

        proxy.mode(FaultProxy.Mode.PASS_THROUGH);
        sleepUntil(unavailable.at().plus(COOLDOWN).plus(MARGIN));
        order("recovered", pebbleA, rootA, "with A well again and the cool-down passed, the certificate must come from A");
        AuditTrail.read(gateway, "recovered.example.test").assertIssuedAtFirstAttempt("pebble-a");

        proxy.mode(FaultProxy.Mode.RATE_LIMITED);
        order("limited", pebbleB, rootB, "with A rate-limiting new orders, the certificate must come from B");
        assertEquals(1, proxy.injected(FaultProxy.Mode.RATE_LIMITED), "the proxy must have refused one new order");
        AuditTrail.Line limited = AuditTrail.read(gateway, "limited.example.test").assertFellBack("pebble-a",
                "pebble-b", "RateLimited");
        assertTrue(limited.reason().contains(FaultProxy.RATE_LIMITED_DETAIL),
                "the audit reason must carry the CA's problem detail: " + limited);

        proxy.mode(FaultProxy.Mode.PASS_THROUGH);
        sleepUntil(limited.at().plusSeconds(FaultProxy.RETRY_AFTER_SECONDS).plus(MARGIN));
        order("waited", pebbleA, rootA, "once A's Retry-After passed, the certificate must come from A");
        AuditTrail.read(gateway, "waited.example.test").assertIssuedAtFirstAttempt("pebble-a");
    }

    @Test
    void badNoncesAtAAreRetriedWithoutFallingBack() {
        proxy.mode(FaultProxy.Mode.BAD_NONCE);
        long before = proxy.injected(FaultProxy.Mode.BAD_NONCE);
        try {
            order("nonces", pebbleA, rootA, "with every other POST at A refused as badNonce, the certificate must"
                    + " still come from A");
        } finally {
            proxy.mode(FaultProxy.Mode.PASS_THROUGH);
        }
        assertTrue(pebbleA.log().contains("Configured to reject 5% of good nonces")
                && pebbleA.log().contains("before validating"), "Pebble A must run at its default strictness"
                + " (5 % bad nonces, random validation sleeps); its log:\n" + pebbleA.log());
        long injected = proxy.injected(FaultProxy.Mode.BAD_NONCE) - before;
        // newAccount or newOrder, authorization, challenge, finalize, order, certificate: each refused once
        assertTrue(injected >= 5, "the proxy must have refused at least 5 POSTs as badNonce, refused " + injected);
        AuditTrail.read(gateway, "nonces.example.test").assertIssuedAtFirstAttempt("pebble-a");
        System.out.println("UpstreamFaultsIT: badNonce injected by the proxy: " + injected
                + "; badNonce from Pebble A itself (default 5 %), whole class: " + proxy.fromPebble("badNonce"));
    }

    /**
     * A CA that answers badNonce without a fresh Replay-Nonce (against RFC 8555 §6.5) makes acme4j 4.0.0 throw
     * IllegalStateException("Previous connection is not closed.") from its retry; that must count as a failure of
     * that CA, with a fallback to B and an audit line, like any other.
     */
    @Test
    void aBadNonceWithoutAFreshNonceCountsAsAFailureOfThatCa() throws InterruptedException {
        UpstreamGateway.delegate(gateway, dns, "nonceless.example.test");
        proxy.mode(FaultProxy.Mode.BAD_NONCE_WITHOUT_REPLAY_NONCE);
        try {
            order("nonceless", pebbleB, rootB, "with A answering badNonce without a fresh nonce, the certificate"
                    + " must come from B");
        } finally {
            proxy.mode(FaultProxy.Mode.PASS_THROUGH);
        }
        AuditTrail.Line failed = AuditTrail.read(gateway, "nonceless.example.test").assertFellBack("pebble-a",
                "pebble-b", "pebble-a");
        // the other tests expect A's breaker closed
        sleepUntil(failed.at().plus(COOLDOWN).plus(MARGIN));
    }

    /** certbot orders {@code LABEL.example.test} under cert name LABEL; asserts the chain is {@code issuer}'s. */
    private static void order(String label, Pebble issuer, Path issuerRoot, String context) {
        String name = label + ".example.test";
        ToolRun run = certbot.certonly(label, null, name);
        assertTrue(run.exitCode() == 0, run.describe(context + ": certbot failed") + "\ncertbot log:\n"
                + certbot.lastLog() + "\n---- gateway ----\n" + gateway.output() + "\n---- pebble A ----\n"
                + pebbleA.log() + "\n---- pebble B ----\n" + pebbleB.log() + "\n" + dns.logs());
        UpstreamGateway.assertIssuedBy(issuer, issuerRoot, certbot.live(label), Set.of(name), context);
        Path otherRoot = issuerRoot.equals(rootA) ? rootB : rootA;
        assertFalse(UpstreamGateway.opensslVerifies(otherRoot, certbot.live(label)),
                context + ": the chain must not verify against the other Pebble's root");
    }

    private static void sleepUntil(Instant moment) throws InterruptedException {
        long millis = Duration.between(Instant.now(), moment).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
