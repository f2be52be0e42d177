package io.acmegate.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.acmegate.gateway.status.dashboard.DashboardChecks;
import io.acmegate.gateway.status.dashboard.HeadlessChromium;
import java.nio.file.Files;
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
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.RenewalInfo;

/**
 * Renewal status end to end on the packaged gateway with 30-second certificates (due after 20 s, overdue after
 * 25 s, expired after 30 s): certbot's lineage goes ok, renewal-due, overdue; the webhook receives the overdue event
 * signed; a renewal brings it back to ok; the dashboard in Chromium shows it. acme4j follows a mass re-issue through
 * ARI and renews with {@code replaces}.
 */
class StatusIT {
    private static final String WEBHOOK_SECRET = "status-it-webhook-secret";
    private static final Duration LIFETIME = Duration.ofSeconds(30);

    private static WebhookReceiver webhook;
    private static GatewayProcess gateway;
    private static StatusApi status;

    @BeforeAll
    static void start(@TempDir Path config) throws Exception {
        RequiredTools.assertInstalled("certbot");
        webhook = new WebhookReceiver(WEBHOOK_SECRET);
        Path yaml = config.resolve("acmegate.yaml");
        Files.writeString(yaml, """
                upstreams:
                  - {name: local, type: local}
                status:
                  sweep-interval: PT1S
                  probe-interval: PT1S
                  notifiers:
                    - name: ops
                      type: webhook
                      settings: {url: "%s", secret: "%s", initial-backoff: PT0.2S}
                """.formatted(webhook.url(), WEBHOOK_SECRET));
        gateway = GatewayProcess.start("StatusIT", "--config", yaml.toString(), "--cert-lifetime", LIFETIME.toString());
        status = new StatusApi(gateway);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (webhook != null) {
            webhook.close();
        }
    }

    @Test
    void certbotLineageGoesDueThenOverdueIsNotifiedAndARenewalBringsItBack(@TempDir Path home) throws Exception {
        Certbot certbot = new Certbot(home, gateway);
        EabCredentials eab = gateway.createEab("*.status.example.com");
        certbot.certonly("web", eab, "www.status.example.com").assertSucceeded();
        String query = "name=www.status.example.com";

        JsonNode issued = status.lineage(query);
        assertEquals("ok", issued.path("state").asText(), issued.toString());
        assertEquals("gateway", issued.path("source").asText());
        assertEquals(eab.keyId(), issued.path("client").path("eabKeyId").asText());
        assertTrue(issued.path("client").path("userAgent").asText().contains("CertbotACMEClient"), issued.toString());
        assertEquals("mailto:admin@example.test", issued.path("client").path("contact").get(0).asText());
        assertEquals(Certificates.leafSerial(certbot.live("web")), issued.path("certificate").path("serial").asText());
        String metrics = status.text("/metrics");
        assertTrue(metrics.contains("acmegate_orders_total{ca=\"local\",outcome=\"valid\"}"), metrics);
        assertTrue(metrics.contains("acmegate_upstream_attempts_total{ca=\"local\",outcome=\"issued\"}"), metrics);
        assertTrue(metrics.contains("acmegate_request_duration_seconds_count{resource=\"finalize\"}"), metrics);
        assertTrue(metrics.contains("acmegate_lineages{state=\"ok\"}"), metrics);

        // Deployment probe: the gateway's own HTTPS listener serves a certificate that is not this lineage's.
        String acme = gateway.directory().getHost() + ":" + gateway.directory().getPort();
        gateway.cli("endpoints", "--lineage", issued.path("id").asText(), "--endpoints", acme + "/localhost")
                .assertSucceeded();
        JsonNode probed = status.awaitLineage(query, l -> l.path("deployment").path(0).has("checkedAt"),
                Duration.ofSeconds(15), "probed");
        assertEquals("unknown", probed.path("deployment").get(0).path("result").asText(), probed.toString());

        status.awaitLineage(query, l -> l.path("state").asText().equals("renewal-due"), LIFETIME, "renewal-due");
        JsonNode overdue = status.awaitLineage(query, l -> l.path("state").asText().equals("overdue"), LIFETIME,
                "overdue");
        JsonNode event = webhook.await(e -> e.path("kind").asText().equals("lineage-overdue")
                && e.path("lineageId").asText().equals(overdue.path("id").asText()), Duration.ofSeconds(15));
        assertEquals(List.of("www.status.example.com"), List.of(event.path("names").get(0).asText()));
        assertTrue(webhook.badSignatures().isEmpty(), "every delivery is signed: " + webhook.badSignatures());

        assertDashboardShows("www.status.example.com", "overdue");

        certbot.renew().assertSucceeded();
        JsonNode renewed = status.lineage(query);
        assertEquals(issued.path("id"), renewed.path("id"), "a renewal continues the lineage");
        assertEquals("ok", renewed.path("state").asText(), renewed.toString());
        assertEquals(Certificates.leafSerial(certbot.live("web")), renewed.path("certificate").path("serial").asText());
        assertNotEquals(issued.path("certificate").path("serial"), renewed.path("certificate").path("serial"));
    }

    @Test
    void aMassReissueReachesAnAriClientWhichRenewsWithReplaces() throws Exception {
        AcmeClient client = new AcmeClient(gateway);
        KeyPair accountKey = AcmeClient.newKeyPair();
        Login login = client.login(client.newAccount(accountKey, null).getLocation(), accountKey);
        Certificate first = AcmeClient.issue(login, "ari.reissue.test").certificate();
        String query = "name=ari.reissue.test";
        JsonNode before = status.lineage(query);
        assertEquals("ok", before.path("state").asText(), before.toString());

        RenewalInfo info = first.getRenewalInfo();
        Instant now = Instant.now();
        assertTrue(info.renewalIsNotRequired(now), "a fresh certificate needs no renewal: "
                + info.getSuggestedWindowStart() + ".." + info.getSuggestedWindowEnd());

        ToolRun reissue = gateway.cli("reissue", "--names", "reissue.test");
        assertEquals(0, reissue.exitCode(), reissue.describe("reissue"));
        assertTrue(reissue.output().contains("marked: 1"), reissue.output());
        JsonNode marked = status.lineage(query);
        assertEquals("overdue", marked.path("state").asText(), marked.toString());
        assertTrue(!marked.path("reissueRequestedAt").isNull(), marked.toString());

        RenewalInfo moved = first.getRenewalInfo();
        moved.fetch();
        assertTrue(moved.renewalIsOverdue(Instant.now()), "ARI must show a window in the past after re-issue: "
                + moved.getSuggestedWindowStart() + ".." + moved.getSuggestedWindowEnd());

        Order renewal = login.newOrder().domains("ari.reissue.test").replaces(first).create();
        AcmeClient.finalizeOrder(renewal, AcmeClient.newKeyPair(), List.of("ari.reissue.test"));
        AcmeClient.awaitValid(renewal);
        JsonNode after = status.lineage(query);
        assertEquals(before.path("id"), after.path("id"));
        assertEquals("ok", after.path("state").asText(), after.toString());
        assertTrue(after.path("reissueRequestedAt").isNull(), after.toString());
    }

    private static void assertDashboardShows(String name, String state) throws Exception {
        HeadlessChromium chromium = HeadlessChromium.installed();
        String dom = DashboardChecks.renderedDom(chromium, status.base(), "", status.token());
        DashboardChecks.assertShowsLineages(dom, List.of(name), List.of(state));
        DashboardChecks.assertColourShown(chromium.screenshot(DashboardChecks.dashboardUri(status.base(), "",
                status.token())), state);
        DashboardChecks.assertShowsTokenRefused(DashboardChecks.renderedDom(chromium, status.base(), "", "wrong"));
    }
}
