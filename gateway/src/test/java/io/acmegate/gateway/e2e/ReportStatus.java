package io.acmegate.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The running gateway's status API as a reporting host and an operator see it: where reports go
 * ({@code POST /status/report}), report tokens made with the CLI, and {@code GET /status?client=} read with the
 * status token.
 */
final class ReportStatus {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayProcess gateway;

    ReportStatus(GatewayProcess gateway) {
        this.gateway = gateway;
    }

    /** {@code POST} here with a report token: the gateway's status API plus {@code /report}. */
    String reportUrl() {
        return gateway.label("status-api") + "/report";
    }

    /** A new report token for {@code client}, made with {@code acmegate report-token create}. */
    String createToken(String client) {
        ToolRun run = gateway.cli("report-token", "create", "--client", client).assertSucceeded();
        return run.output().lines().filter(line -> line.startsWith("report-token: "))
                .map(line -> line.substring("report-token: ".length()).strip()).findFirst()
                .orElseGet(() -> fail(run.describe("printed no 'report-token:' line")));
    }

    /** The lineages of one client, as {@code GET /status?client=NAME} lists them; fails unless it answers 200. */
    List<JsonNode> lineagesOf(String client) {
        HttpResponse<String> response = get("?client=" + URLEncoder.encode(client, StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), "GET /status?client=" + client + " answered " + response.body());
        try {
            List<JsonNode> lineages = new ArrayList<>();
            JSON.readTree(response.body()).path("lineages").forEach(lineages::add);
            return lineages;
        } catch (IOException e) {
            return fail("GET /status did not answer JSON: " + response.body(), e);
        }
    }

    private HttpResponse<String> get(String query) {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            String token = Files.readString(Path.of(gateway.label("status-token"))).strip();
            HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.label("status-api") + query))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build();
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
