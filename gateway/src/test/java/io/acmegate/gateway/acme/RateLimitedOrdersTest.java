package io.acmegate.gateway.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmegate.gateway.Gateway;
import io.acmegate.gateway.config.GatewayConfig;
import io.acmegate.gateway.config.UpstreamsConfig;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One broken client cannot exhaust the shared upstream accounts: per-client and per-name buckets. */
class RateLimitedOrdersTest {
    @TempDir
    Path dir;

    private static String order(String name) {
        return "{\"identifiers\":[{\"type\":\"dns\",\"value\":\"" + name + "\"}]}";
    }

    @Test
    void overTheLimitIsRateLimitedWithRetryAfter() throws Exception {
        UpstreamsConfig d = UpstreamsConfig.embeddedDefault();
        UpstreamsConfig tight = new UpstreamsConfig(d.acme(), d.local(), d.defaultRoute(), d.rules(),
                d.failuresBeforeCooldown(), d.cooldown(), d.dnsProviders(), new UpstreamsConfig.Limits(
                3, Duration.ofHours(1), 2, Duration.ofHours(1), 5, Duration.ofHours(1), Duration.ofHours(1)),
                java.util.Map.of());
        try (Gateway gateway = Gateway.start(GatewayConfig.forTests(dir).withUpstreams(tight, null))) {
            TestAcmeClient client = new TestAcmeClient(gateway.directoryUrl().toString(), gateway.rootCertificate());
            client.register();
            String newOrder = client.url("newOrder");
            assertEquals(201, client.post(newOrder, order("a.limit.example.test")).statusCode());
            assertEquals(201, client.post(newOrder, order("a.limit.example.test")).statusCode());
            HttpResponse<byte[]> perName = client.post(newOrder, order("a.limit.example.test"));
            assertEquals(429, perName.statusCode(), new String(perName.body(), StandardCharsets.UTF_8));
            assertEquals("urn:ietf:params:acme:error:rateLimited", client.json(perName).path("type").asText());
            assertTrue(Integer.parseInt(perName.headers().firstValue("Retry-After").orElse("0")) > 0);

            assertEquals(201, client.post(newOrder, order("b.limit.example.test")).statusCode());
            HttpResponse<byte[]> perClient = client.post(newOrder, order("c.limit.example.test"));
            assertEquals(429, perClient.statusCode(), "three orders per client");
            String accountId = client.accountUrl.substring(client.accountUrl.lastIndexOf('/') + 1);
            assertEquals(3, gateway.store().ordersOf(accountId).size(), "refused orders are not stored");
            var refusal = gateway.store().recentAudit(1).get(0);
            assertEquals("refused", refusal.kind());
            assertEquals(java.util.List.of("c.limit.example.test"), refusal.names());
        }
    }

}
