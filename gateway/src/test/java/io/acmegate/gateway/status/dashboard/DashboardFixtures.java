package io.acmegate.gateway.status.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Four lineages of two clients in the wire format of {@code GET /status}, with dates relative to a given
 * instant so that "days to expiry" reads the same whenever the test runs. States present: ok, overdue, expired,
 * failing; renewal-due and revoked are deliberately absent (their colours must not show).
 */
public final class DashboardFixtures {

    public static final String CERTBOT_CLIENT = "Xa8kQ2mZ7pLrT4vW";
    public static final String LEGO_CLIENT = "Lb3nR9sY1cKd";
    public static final String CERTBOT_USER_AGENT = "CertbotACMEClient/2.1.0";

    /** An upstream error quoting an RFC 8555 error type in angle brackets: markup if the page ever used innerHTML. */
    public static final String OVERDUE_FAILURE =
            "no upstream CA issued: <urn:ietf:params:acme:error:rateLimited> too many certificates";
    public static final String FAILING_FAILURE = "dns-01 for new.example.test: no TXT record at the delegation";

    private static final ObjectMapper JSON = new ObjectMapper();

    private DashboardFixtures() {
    }

    /**
     * The lineages, as {@code /status} lists them. Expiry offsets are whole days plus an hour, so the page's
     * "N days" is exact: ok 40 days left, overdue 5 days left, expired 3 days ago, failing no certificate.
     */
    public static List<JsonNode> lineages(Instant now) {
        Instant base = now.truncatedTo(ChronoUnit.SECONDS);
        String certbot = client(CERTBOT_CLIENT, "ops@example.test", "kid-1", CERTBOT_USER_AGENT);
        String lego = client(LEGO_CLIENT, "web@example.test", null, "lego-cli/4.20.4 xenolf-acme/4.20.4");
        List<String> lineages = List.of(
                lineage("1", "ok", "gateway", certbot, "[\"a.example.test\", \"b.example.test\"]",
                        certificate("0a1b", base.plus(days(40))), "null",
                        "[" + endpoint("a.example.test", "current", "0a1b", base) + "]"),
                lineage("2", "overdue", "gateway", certbot, "[\"shop.example.test\"]",
                        certificate("0c2d", base.plus(days(5))), failure(OVERDUE_FAILURE, base),
                        "[" + endpoint("shop.example.test", "older", "0b00", base) + ", "
                                + endpoint("shop-2.example.test", "unreachable", null, base) + "]"),
                lineage("3", "expired", "report", lego, "[\"old.example.test\"]",
                        certificate("0e3f", base.minus(days(3))), "null",
                        "[" + endpoint("old.example.test", "unknown", null, base) + "]"),
                lineage("4", "failing", "gateway", lego, "[\"new.example.test\"]",
                        "null", failure(FAILING_FAILURE, base), "[]"));
        List<JsonNode> nodes = new ArrayList<>();
        for (String lineage : lineages) {
            nodes.add(parse(lineage));
        }
        return List.copyOf(nodes);
    }

    private static Duration days(int days) {
        return Duration.ofDays(days).plusHours(days >= 0 ? 1 : -1);
    }

    private static String client(String id, String email, String eabKeyId, String userAgent) {
        return """
                {"id": "%s", "contact": ["mailto:%s"], "eabKeyId": %s, "address": "127.0.0.1", "userAgent": "%s"}"""
                .formatted(id, email, eabKeyId == null ? "null" : "\"" + eabKeyId + "\"", userAgent);
    }

    private static String certificate(String serial, Instant notAfter) {
        return """
                {"serial": "%s", "notBefore": "%s", "notAfter": "%s", "issuer": "local"}"""
                .formatted(serial, notAfter.minus(Duration.ofDays(47)), notAfter);
    }

    private static String failure(String reason, Instant at) {
        return "{\"at\": \"%s\", \"reason\": %s}".formatted(at.minus(Duration.ofHours(2)), quote(reason));
    }

    private static String endpoint(String host, String result, String servedSerial, Instant checkedAt) {
        return """
                {"host": "%s", "port": 443, "sni": "%s", "result": "%s", "servedSerial": %s, "checkedAt": "%s"}"""
                .formatted(host, host, result, servedSerial == null ? "null" : "\"" + servedSerial + "\"", checkedAt);
    }

    private static String lineage(String id, String state, String source, String client, String names,
            String certificate, String lastFailure, String deployment) {
        return """
                {"id": "%s", "state": "%s", "source": "%s", "client": %s, "names": %s, "certificate": %s,
                 "renewalWindow": null, "reissueRequestedAt": null, "lastFailure": %s, "deployment": %s,
                 "updatedAt": "2026-11-23T12:00:00Z"}"""
                .formatted(id, state, source, client, names, certificate, lastFailure, deployment);
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
