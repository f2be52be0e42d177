package io.acmegate.gateway.status.dashboard;

import static io.acmegate.gateway.status.dashboard.DashboardChecks.assertColourNotShown;
import static io.acmegate.gateway.status.dashboard.DashboardChecks.assertColourShown;
import static io.acmegate.gateway.status.dashboard.DashboardChecks.assertShowsLineages;
import static io.acmegate.gateway.status.dashboard.DashboardChecks.assertShowsTokenRefused;
import static io.acmegate.gateway.status.dashboard.DashboardChecks.dashboardUri;
import static io.acmegate.gateway.status.dashboard.DashboardChecks.renderedDom;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmegate.gateway.status.dashboard.DashboardFixtureServer.RecordedRequest;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The status dashboard page in a real headless Chromium, against the fixture status endpoints. */
class DashboardPageTest {

    private static final String TOKEN = "status-" + UUID.randomUUID();
    private static final List<String> NAMES =
            List.of("a.example.test", "b.example.test", "shop.example.test", "old.example.test", "new.example.test");

    private static HeadlessChromium chromium;
    private static DashboardFixtureServer server;

    @BeforeAll
    static void start() throws Exception {
        chromium = HeadlessChromium.installed();
        server = DashboardFixtureServer.start(TOKEN, DashboardFixtures.lineages(Instant.now()), 100);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void showsEveryLineageWithItsStateBadgeAndFailureReason() throws Exception {
        String dom = renderedDom(chromium, server.baseUri(), "", TOKEN);

        assertShowsLineages(dom, NAMES, List.of("ok", "overdue", "expired", "failing"));
        assertTrue(dom.contains(DashboardFixtures.FAILING_FAILURE), dom);
        assertTrue(dom.contains(DashboardFixtures.CERTBOT_USER_AGENT), "user agent on hover: " + dom);
        assertTrue(server.requests().stream()
                .anyMatch(request -> request.uri().getPath().equals("/status") && request.authorized()));
    }

    @Test
    void failureReasonIsTextNotMarkup() throws Exception {
        String dom = renderedDom(chromium, server.baseUri(), "", TOKEN);

        assertTrue(dom.contains("&lt;urn:ietf:params:acme:error:rateLimited&gt; too many certificates"), dom);
        assertFalse(dom.toLowerCase().contains("<urn:ietf:params:acme:error:ratelimited>"), dom);
    }

    @Test
    void daysToExpiryCountFromNow() throws Exception {
        String dom = renderedDom(chromium, server.baseUri(), "", TOKEN);

        assertTrue(dom.contains("40 days left"), dom);
        assertTrue(dom.contains("5 days left"), dom);
        assertTrue(dom.contains("expired 3 days ago"), dom);
        assertTrue(dom.contains("no certificate"), dom);
    }

    @Test
    void screenshotShowsTheColoursOfPresentStatesOnly() throws Exception {
        BufferedImage screenshot = chromium.screenshot(dashboardUri(server.baseUri(), "", TOKEN));

        assertColourShown(screenshot, "overdue");
        assertColourShown(screenshot, "ok");
        assertColourNotShown(screenshot, "revoked");
        assertColourNotShown(screenshot, "renewal-due");
    }

    @Test
    void wrongTokenShowsTheTokenForm() throws Exception {
        String dom = renderedDom(chromium, server.baseUri(), "", "not-" + TOKEN);

        assertShowsTokenRefused(dom);
        assertFalse(dom.contains("shop.example.test"), dom);
        assertTrue(server.requests().stream().anyMatch(request -> !request.authorized()));
    }

    @Test
    void stateInTheQueryFiltersTheList() throws Exception {
        String dom = renderedDom(chromium, server.baseUri(), "state=overdue", TOKEN);

        assertShowsLineages(dom, List.of("shop.example.test"), List.of("overdue"));
        assertFalse(dom.contains("<div>a.example.test</div>"), dom);
        assertTrue(dom.contains("aria-pressed=\"true\" title=\"Show every state\" data-state=\"overdue\""), dom);
        assertTrue(server.requests().stream()
                .map(RecordedRequest::uri)
                .anyMatch(uri -> uri.getPath().equals("/status") && "state=overdue&limit=50".equals(uri.getQuery())));
    }

    @Test
    void clientViewShowsTheClientAndOnlyItsLineages() throws Exception {
        String dom = renderedDom(chromium, server.baseUri(), "client-view=" + DashboardFixtures.LEGO_CLIENT, TOKEN);

        assertShowsLineages(dom, List.of("old.example.test", "new.example.test"), List.of("expired", "failing"));
        assertFalse(dom.contains("<div>shop.example.test</div>"), dom);
        assertTrue(dom.contains("<h2>Client " + DashboardFixtures.LEGO_CLIENT + "</h2>"), dom);
        assertTrue(server.requests().stream()
                .anyMatch(request -> request.uri().getPath().equals("/status/clients/" + DashboardFixtures.LEGO_CLIENT)));
    }

    @Test
    void nextPageButtonFollowsTheServersCursor() throws Exception {
        try (DashboardFixtureServer paged =
                DashboardFixtureServer.start(TOKEN, DashboardFixtures.lineages(Instant.now()), 3)) {
            String dom = renderedDom(chromium, paged.baseUri(), "", TOKEN);

            assertShowsLineages(dom, List.of("a.example.test", "shop.example.test", "old.example.test"), List.of());
            assertFalse(dom.contains("<div>new.example.test</div>"), dom);
            assertTrue(dom.contains("<button type=\"button\" id=\"next-page\">"), "next page enabled: " + dom);
        }
        String unpaged = renderedDom(chromium, server.baseUri(), "", TOKEN);
        assertTrue(unpaged.contains("<button type=\"button\" id=\"next-page\" disabled=\"\">"), unpaged);
    }
}
