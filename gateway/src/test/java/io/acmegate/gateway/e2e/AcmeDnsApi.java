package io.acmegate.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A client of the gateway's acme-dns API (joohoi/acme-dns's /register and /update, and acmegate's
 * DELETE /update), speaking HTTPS with only the gateway's root trusted.
 */
public final class AcmeDnsApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** What /register returned: the credentials and the label they may publish under. */
    public record Registration(String username, String password, String fulldomain, String subdomain) {
    }

    /** A response: HTTP status and the JSON body. */
    public record Reply(int status, JsonNode body) {
    }

    private final URI base;
    private final HttpClient http;

    public AcmeDnsApi(URI base, Path trustedRoot) {
        this.base = base;
        this.http = HttpClient.newBuilder().sslContext(Certificates.trusting(trustedRoot))
                .connectTimeout(TIMEOUT).build();
    }

    /** POST /register naming these domains; fails the test unless it answers 201 with the four fields. */
    public Registration register(String... domains) {
        ObjectNode body = JSON.createObjectNode();
        List.of(domains).forEach(body.putArray("domains")::add);
        Reply reply = send("POST", "/register", body, null);
        assertEquals(201, reply.status(), "POST /register answered " + reply.body());
        JsonNode json = reply.body();
        for (String field : List.of("username", "password", "fulldomain", "subdomain")) {
            if (!json.path(field).isTextual() || json.path(field).asText().isEmpty()) {
                fail("POST /register answered without '" + field + "': " + json);
            }
        }
        return new Registration(json.get("username").asText(), json.get("password").asText(),
                json.get("fulldomain").asText(), json.get("subdomain").asText());
    }

    /** POST /update: publishes one TXT value under the registration's label. */
    public Reply update(Registration registration, String txt) {
        return send("POST", "/update", txtBody(registration, txt), registration);
    }

    /** DELETE /update: withdraws one TXT value. */
    public Reply remove(Registration registration, String txt) {
        return send("DELETE", "/update", txtBody(registration, txt), registration);
    }

    private static ObjectNode txtBody(Registration registration, String txt) {
        return JSON.createObjectNode().put("subdomain", registration.subdomain()).put("txt", txt);
    }

    private Reply send(String method, String path, ObjectNode body, Registration credentials) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        if (credentials != null) {
            request.header("X-Api-User", credentials.username()).header("X-Api-Key", credentials.password());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Reply(response.statusCode(), json);
        } catch (IOException e) {
            return fail(method + " " + base.resolve(path) + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted during " + method + " " + path);
        }
    }
}
