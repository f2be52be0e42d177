package io.acmegate.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** The status API of a packaged gateway, read with the status token it generated. */
final class StatusApi {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final GatewayProcess gateway;
    private final URI status;
    private final String token;

    StatusApi(GatewayProcess gateway) {
        this.gateway = gateway;
        status = URI.create(gateway.label("status-api"));
        try {
            token = Files.readString(java.nio.file.Path.of(gateway.label("status-token"))).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String token() {
        return token;
    }

    /** Where reporting hosts {@code POST} their certificates with a report token. */
    String reportUrl() {
        return status + "/report";
    }

    /** A new report token for {@code client}, made with {@code acmegate report-token create}. */
    String createReportToken(String client) {
        ToolRun run = gateway.cli("report-token", "create", "--client", client).assertSucceeded();
        return run.output().lines().filter(line -> line.startsWith("report-token: "))
                .map(line -> line.substring("report-token: ".length()).strip()).findFirst()
                .orElseThrow(() -> new AssertionError(run.describe("printed no 'report-token:' line")));
    }

    /** The listener's base URL (where /dashboard and /status live). */
    URI base() {
        return status.resolve("/");
    }

    JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        return new ObjectMapper().readTree(text(pathAndQuery));
    }

    /** The body of a GET with the status token, which must answer 200. */
    String text(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(status.resolve(pathAndQuery))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), pathAndQuery + ": " + response.body());
        return response.body();
    }

    /** The only lineage that a status query (e.g. {@code name=www.example.test}) finds. */
    JsonNode lineage(String query) throws IOException, InterruptedException {
        JsonNode lineages = get("/status?" + query).path("lineages");
        assertEquals(1, lineages.size(), "lineages for " + query + ": " + lineages);
        return lineages.get(0);
    }

    /** Polls the lineage until it matches (time moves states), or fails showing the last one seen. */
    JsonNode awaitLineage(String query, Predicate<JsonNode> wanted, Duration timeout, String what)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = lineage(query);
            if (wanted.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the lineage did not become " + what + " within " + timeout + ": " + last);
    }
}
