package io.acmegate.gateway.status.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the admin listener's status endpoints, on a free loopback port: {@code GET /dashboard} (the
 * page from the classpath, no token), and, with {@code Authorization: Bearer <token>}, {@code /status} (filters
 * state, client, name; paging with limit and cursor), {@code /status/summary} and {@code /status/clients/{id}},
 * all computed from a fixed list of lineages. A missing or wrong token gets 401, an unknown state 400, both as
 * problem documents. Every request is recorded.
 */
public final class DashboardFixtureServer implements AutoCloseable {

    /** The page as the gateway ships it. */
    public static final String PAGE_RESOURCE = "/io/acmegate/gateway/status/dashboard.html";

    private static final List<String> STATES = List.of("ok", "renewal-due", "overdue", "expired", "failing", "revoked");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the server saw it; {@code authorized} is whether it carried the right bearer token. */
    public record RecordedRequest(String method, URI uri, boolean authorized) {
    }

    private final HttpServer server;
    private final String token;
    private final List<JsonNode> lineages;
    private final int maxPageSize;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    private DashboardFixtureServer(HttpServer server, String token, List<JsonNode> lineages, int maxPageSize) {
        this.server = server;
        this.token = token;
        this.lineages = List.copyOf(lineages);
        this.maxPageSize = maxPageSize;
    }

    /**
     * Starts serving on 127.0.0.1 and a free port.
     *
     * @param maxPageSize pages of {@code /status} hold at most this many lineages, whatever limit is asked for
     */
    public static DashboardFixtureServer start(String token, List<JsonNode> lineages, int maxPageSize)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        DashboardFixtureServer fixture = new DashboardFixtureServer(server, token, lineages, maxPageSize);
        server.createContext("/", fixture::handle);
        server.start();
        return fixture;
    }

    /** Where the status endpoints live: {@code http://127.0.0.1:PORT/}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** The requests so far, oldest first. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            boolean authorized = ("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            requests.add(new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI(), authorized));
            if (!"GET".equals(exchange.getRequestMethod())) {
                problem(exchange, 405, "method not allowed");
            } else if (path.equals("/dashboard")) {
                page(exchange);
            } else if (!path.startsWith("/status")) {
                problem(exchange, 404, "no such resource");
            } else if (!authorized) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                problem(exchange, 401, "missing or wrong status token");
            } else if (path.equals("/status")) {
                try {
                    list(exchange, query(exchange.getRequestURI()));
                } catch (NumberFormatException e) {
                    problem(exchange, 400, "limit and cursor are numbers here");
                }
            } else if (path.equals("/status/summary")) {
                json(exchange, 200, summary());
            } else if (path.startsWith("/status/clients/")) {
                client(exchange, path.substring("/status/clients/".length()));
            } else {
                problem(exchange, 404, "no such resource");
            }
        }
    }

    private void page(HttpExchange exchange) throws IOException {
        try (InputStream page = DashboardFixtureServer.class.getResourceAsStream(PAGE_RESOURCE)) {
            if (page == null) {
                problem(exchange, 500, PAGE_RESOURCE + " is not on the class path");
                return;
            }
            send(exchange, 200, "text/html; charset=utf-8", page.readAllBytes());
        }
    }

    private void list(HttpExchange exchange, Map<String, String> query) throws IOException {
        String state = query.get("state");
        if (state != null && !STATES.contains(state)) {
            problem(exchange, 400, "unknown state " + state);
            return;
        }
        List<JsonNode> matching = lineages.stream()
                .filter(lineage -> state == null || lineage.path("state").asText().equals(state))
                .filter(lineage -> !query.containsKey("client")
                        || lineage.path("client").path("id").asText().equals(query.get("client")))
                .filter(lineage -> !query.containsKey("name") || hasName(lineage, query.get("name")))
                .toList();
        int limit = Math.min(maxPageSize, Integer.parseInt(query.getOrDefault("limit", "100")));
        int from = Integer.parseInt(query.getOrDefault("cursor", "0"));   // this fixture's cursor is an offset
        int to = Math.min(matching.size(), from + limit);
        ObjectNode page = JSON.createObjectNode();
        page.putArray("lineages").addAll(matching.subList(Math.min(from, to), to));
        page.put("next", to < matching.size() ? String.valueOf(to) : null);
        json(exchange, 200, page);
    }

    private static boolean hasName(JsonNode lineage, String name) {
        for (JsonNode each : lineage.path("names")) {
            if (each.asText().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private ObjectNode summary() {
        ObjectNode summary = JSON.createObjectNode();
        ObjectNode counts = summary.putObject("counts");
        STATES.forEach(state -> counts.put(state,
                lineages.stream().filter(lineage -> lineage.path("state").asText().equals(state)).count()));
        summary.put("total", lineages.size());
        Optional<String> earliest = lineages.stream()
                .map(lineage -> lineage.path("certificate").path("notAfter"))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText)
                .min(String::compareTo);   // ISO-8601 instants in UTC sort as text
        summary.put("earliestExpiry", earliest.orElse(null));
        return summary;
    }

    private void client(HttpExchange exchange, String id) throws IOException {
        List<JsonNode> owned = lineages.stream()
                .filter(lineage -> lineage.path("client").path("id").asText().equals(id))
                .toList();
        if (owned.isEmpty()) {
            problem(exchange, 404, "no client " + id);
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("client", owned.getFirst().path("client"));
        ArrayNode list = body.putArray("lineages");
        list.addAll(owned);
        json(exchange, 200, body);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static void problem(HttpExchange exchange, int status, String detail) throws IOException {
        ObjectNode problem = JSON.createObjectNode();
        problem.put("type", "about:blank");
        problem.put("title", status == 401 ? "Unauthorized" : "Request failed");
        problem.put("status", status);
        problem.put("detail", detail);
        send(exchange, status, "application/problem+json", JSON.writeValueAsBytes(problem));
    }

    private static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
