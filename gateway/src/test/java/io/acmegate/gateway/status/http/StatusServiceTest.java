package io.acmegate.gateway.status.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.acmegate.gateway.Gateway;
import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.ca.LocalCa;
import io.acmegate.gateway.config.GatewayConfig;
import io.acmegate.gateway.model.Lineage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status API over HTTP on a running gateway: tokens, reports, filters, pages, metrics, bad input. */
class StatusServiceTest {
    @TempDir
    static Path dataDir;
    static Gateway gateway;
    static String base;
    static String statusToken;
    static String reportToken;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        gateway = Gateway.start(GatewayConfig.forTests(dataDir));
        base = gateway.endpoints().get("status-api").replace("/status", "");
        statusToken = Files.readString(gateway.statusTokenFile()).trim();
        String adminToken = Files.readString(dataDir.resolve("admin.token")).trim();
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/admin/report-clients"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"client\":\"web-01\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, created.statusCode(), created.body());
        reportToken = AcmeJson.parseObject(created.body().getBytes(StandardCharsets.UTF_8), "t").path("token").asText();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> report(String contentType, String body, String token, String query)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/status/report" + query))
                .header("Authorization", "Bearer " + token).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return AcmeJson.parseObject(response.body().getBytes(StandardCharsets.UTF_8), "response");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.body().contains("urn:ietf:params:acme:error:" + type), response.body());
    }

    @Test
    void readingNeedsTheStatusTokenButNotTheReportToken() throws Exception {
        assertProblem(get("/status", null), 401, "unauthorized");
        assertProblem(get("/status", "wrong"), 401, "unauthorized");
        assertProblem(get("/metrics", reportToken), 401, "unauthorized");
        assertEquals(200, get("/status/summary", statusToken).statusCode());
        assertEquals(200, get("/dashboard", null).statusCode(), "the page is public, its data is not");
        assertTrue(get("/status/openapi.yaml", null).body().startsWith("openapi: 3"));
    }

    @Test
    void aReportedPemAppearsWithItsNamesSerialAndEndpoints() throws Exception {
        LocalCa ca = LocalCa.openOrCreate(dataDir.resolve("other-ca"));
        var generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        var keys = generator.generateKeyPair();
        var chain = ca.issue(keys.getPublic(), List.of("shop.report.test", "www.shop.report.test"),
                Duration.ofDays(30));
        JsonNode lineage = json(report("application/pem-certificate-chain", chain.pem(), reportToken,
                "?endpoint=127.0.0.1:1/shop.report.test"));
        assertEquals("report", lineage.path("source").asText());
        assertEquals("web-01", lineage.path("client").path("id").asText());
        assertEquals(List.of("shop.report.test", "www.shop.report.test"),
                AcmeJson.MAPPER.convertValue(lineage.path("names"), List.class));
        assertEquals(chain.leaf().getSerialNumber().toString(16), lineage.path("certificate").path("serial").asText());
        assertEquals("ok", lineage.path("state").asText());
        assertTrue(lineage.path("deployment").isMissingNode(), "probe results are not shown to reporters");

        JsonNode found = json(get("/status?name=report.test&client=web-01", statusToken));
        assertEquals(lineage.path("id"), found.path("lineages").get(0).path("id"));
        assertEquals("shop.report.test", found.path("lineages").get(0).path("deployment").get(0).path("sni").asText());
        assertTrue(json(get("/status?name=other.test", statusToken)).path("lineages").isEmpty());
        assertEquals("web-01", json(get("/status/clients/web-01", statusToken)).path("client").path("id").asText());
        assertProblem(get("/status/clients/nobody", statusToken), 404, "malformed");
    }

    @Test
    void statesFilterAndPagesFollowTheCursor() throws Exception {
        Instant now = Instant.now();
        for (int i = 0; i < 5; i++) { // issued 80 days ago: overdue under the default 90-day window
            json(report("application/json", "{\"names\":[\"old" + i + ".page.test\"],\"serial\":\"0A" + i
                    + "\",\"notBefore\":\"" + now.minus(Duration.ofDays(80)) + "\",\"notAfter\":\""
                    + now.plus(Duration.ofDays(10)) + "\",\"issuer\":\"Some CA\"}", reportToken, ""));
        }
        HttpResponse<String> first = get("/status?state=overdue&limit=3", statusToken);
        JsonNode page = json(first);
        assertEquals(3, page.path("lineages").size());
        page.path("lineages").forEach(l -> assertEquals("overdue", l.path("state").asText()));
        assertEquals("a0", page.path("lineages").get(0).path("certificate").path("serial").asText());
        String next = page.path("next").asText();
        assertTrue(first.headers().firstValue("Link").orElse("").contains("cursor=" + next + "&state=overdue"));
        JsonNode second = json(get("/status?state=overdue&limit=3&cursor=" + next, statusToken));
        assertEquals(2, second.path("lineages").size());
        assertTrue(second.path("next").isNull());
        assertTrue(json(get("/status/summary", statusToken)).path("counts").path("overdue").asInt() >= 5);

        String metrics = get("/metrics", statusToken).body();
        assertTrue(metrics.contains("acmegate_lineages{state=\"overdue\"}"), metrics);
        assertTrue(metrics.contains("acmegate_earliest_expiry_days"), metrics);
    }

    @Test
    void reportsAlsoReachTheAcmeListenerOverHttpsWithABoundedBody() throws Exception {
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (var in = Files.newInputStream(gateway.rootCertificate())) {
            trust.setCertificateEntry("root", java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(in));
        }
        var trustManagers = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        trustManagers.init(trust);
        var tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(null, trustManagers.getTrustManagers(), null);
        String acmeReport = gateway.directoryUrl().resolve("/status/report").toString();
        try (HttpClient https = HttpClient.newBuilder().sslContext(tls).build()) {
            HttpResponse<String> reported = https.send(HttpRequest.newBuilder(URI.create(acmeReport))
                    .header("Authorization", "Bearer " + reportToken).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"names\":[\"tls.viahttps.test\"],\"serial\":\"0b\","
                            + "\"notAfter\":\"" + Instant.now().plus(Duration.ofDays(30)) + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("report", json(reported).path("source").asText());
            HttpResponse<String> huge = https.send(HttpRequest.newBuilder(URI.create(acmeReport))
                    .header("Authorization", "Bearer " + reportToken)
                    .header("Content-Type", "application/pem-certificate-chain")
                    .POST(HttpRequest.BodyPublishers.ofString("A".repeat(70_000))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertProblem(huge, 413, "malformed");
            HttpResponse<String> statusThere = https.send(HttpRequest.newBuilder(URI.create(
                    gateway.directoryUrl().resolve("/status").toString())).header("Authorization", "Bearer "
                    + statusToken).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, statusThere.statusCode(), "only the report is on the ACME listener");
        }
    }

    @Test
    void badQueriesAndReportsAreProblemDocuments() throws Exception {
        assertProblem(get("/status?state=late", statusToken), 400, "malformed");
        assertProblem(get("/status?limit=0", statusToken), 400, "malformed");
        assertProblem(get("/status?cursor=abc", statusToken), 400, "malformed");
        assertProblem(report("application/json", "{\"names\":[\"x.test\"],\"serial\":\"zz\",\"notAfter\":\"2030-01-01T00:00:00Z\"}",
                reportToken, ""), 400, "malformed");
        assertProblem(report("application/json", "{\"names\":[\"x.test\"],\"serial\":\"01\"}", reportToken, ""), 400,
                "malformed");
        assertProblem(report("application/pem-certificate-chain", "not a pem", reportToken, ""), 400, "malformed");
        assertProblem(report("image/png", "x", reportToken, ""), 400, "malformed");
        assertProblem(report("application/json", "{\"names\":[\"x.test\"],\"serial\":\"01\",\"notAfter\":\"2030-01-01T00:00:00Z\"}",
                reportToken, "?endpoint=nohost"), 400, "malformed");
        assertProblem(report("application/json", "{}", "stolen", ""), 401, "unauthorized");
        assertTrue(gateway.store().lineageByKey(Lineage.key("web-01", List.of("x.test"))).isEmpty(),
                "nothing is stored from a refused report");
    }

}
