package io.acmegate.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.RenewalInfo;

/**
 * The upstream CA's ARI window is relayed (RFC 9773): Debian's Pebble 2.4 has no renewalInfo, so the upstream here
 * is a second acmegate, which serves it. The front gateway's lineage and its own ARI answer carry the upstream's
 * window, not the default.
 */
class UpstreamAriIT {
    private static GatewayProcess upstream;
    private static GatewayProcess front;

    @BeforeAll
    static void start(@TempDir Path config) {
        upstream = GatewayProcess.start("UpstreamAriIT-upstream");
        Path yaml = UpstreamGateway.writeConfig(config.resolve("acmegate.yaml"), List.of(new UpstreamGateway.Upstream(
                "upper", upstream.directory(), upstream.rootCertificate(), List.of("http-01"))), 3, Duration.ofMinutes(1));
        try {
            // Ask the upstream for its windows every second, to see one it moves.
            java.nio.file.Files.writeString(yaml, "status:\n  ca-window-interval: PT1S\n",
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        front = UpstreamGateway.start("UpstreamAriIT-front", yaml);
    }

    @AfterAll
    static void stop() {
        for (GatewayProcess gateway : new GatewayProcess[] {front, upstream}) {
            if (gateway != null) {
                gateway.close();
            }
        }
    }

    @Test
    void theUpstreamWindowReachesStatusAndTheClientsAri() throws Exception {
        AcmeClient client = new AcmeClient(front);
        KeyPair accountKey = AcmeClient.newKeyPair();
        Login login = client.login(client.newAccount(accountKey, null).getLocation(), accountKey);
        Certificate certificate = AcmeClient.issue(login, "relay.ari.test").certificate();

        JsonNode upstreamWindow = new StatusApi(upstream).lineage("name=relay.ari.test").path("renewalWindow");
        JsonNode frontWindow = new StatusApi(front).lineage("name=relay.ari.test").path("renewalWindow");
        assertEquals("ca", frontWindow.path("source").asText(), frontWindow.toString());
        assertEquals(upstreamWindow.path("start"), frontWindow.path("start"));
        assertEquals(upstreamWindow.path("end"), frontWindow.path("end"));

        RenewalInfo info = certificate.getRenewalInfo();
        info.fetch();
        assertEquals(Instant.parse(upstreamWindow.path("start").asText()), info.getSuggestedWindowStart());
        assertEquals(Instant.parse(upstreamWindow.path("end").asText()), info.getSuggestedWindowEnd());

        // The upstream moves its window (a mass re-issue there): the front asks again and relays the new one.
        upstream.cli("reissue", "--names", "relay.ari.test").assertSucceeded();
        JsonNode moved = new StatusApi(front).awaitLineage("name=relay.ari.test",
                l -> l.path("state").asText().equals("overdue"), Duration.ofSeconds(20), "overdue");
        assertEquals("ca", moved.path("renewalWindow").path("source").asText(), moved.toString());
        RenewalInfo again = certificate.getRenewalInfo();
        again.fetch();
        assertTrue(again.renewalIsOverdue(Instant.now()), "the client's ARI shows the upstream's moved window");
    }
}
