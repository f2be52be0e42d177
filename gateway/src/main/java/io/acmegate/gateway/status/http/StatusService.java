package io.acmegate.gateway.status.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.acme.AcmeRequests;
import io.acmegate.gateway.acme.problem.Problems;
import io.acmegate.gateway.admin.BearerToken;
import io.acmegate.gateway.metrics.GatewayMetrics;
import io.acmegate.gateway.model.Lineage;
import io.acmegate.gateway.model.ReportClient;
import io.acmegate.gateway.status.LineageBook;
import io.acmegate.gateway.status.LineageState;
import io.acmegate.gateway.status.StatusIndex;
import io.acmegate.gateway.status.report.CertificateReport;
import io.acmegate.gateway.status.report.ReportClients;
import io.acmegate.gateway.store.Store;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The status API (docs in {@code status/openapi.yaml}), the dashboard page and the Prometheus metrics, on the admin
 * listener. Reading needs the status token (or the admin token); {@code POST /status/report} needs a report
 * client's own token; the dashboard page itself is public, its data is not.
 */
public final class StatusService {
    public static final String STATUS = "/status";
    public static final String DASHBOARD = "/dashboard";
    public static final String METRICS = "/metrics";
    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 1000;

    private final Store store;
    private final LineageBook lineages;
    private final ReportClients reportClients;
    private final GatewayMetrics metrics;
    private final List<BearerToken> readers;
    private final Clock clock;
    private final byte[] dashboard = resource("dashboard.html");
    private final byte[] openApi = resource("openapi.yaml");

    /** @param readers the tokens that may read status and metrics */
    public StatusService(Store store, LineageBook lineages, ReportClients reportClients, GatewayMetrics metrics,
                         List<BearerToken> readers, Clock clock) {
        this.store = store;
        this.lineages = lineages;
        this.reportClients = reportClients;
        this.metrics = metrics;
        this.readers = List.copyOf(readers);
        this.clock = clock;
    }

    /**
     * {@code POST /status/report} alone, for the ACME listener: hosts elsewhere report over HTTPS (trusting the
     * gateway's root like any ACME client) instead of reaching the plain-HTTP admin listener.
     */
    public void reportRouting(HttpRouting.Builder routing) {
        routing.post(STATUS + "/report", this::report);
    }

    public void routing(HttpRouting.Builder routing) {
        routing.get(DASHBOARD, (req, res) -> send(res, "text/html; charset=utf-8", dashboard));
        routing.get(STATUS + "/openapi.yaml", (req, res) -> send(res, "application/yaml", openApi));
        routing.post(STATUS + "/report", this::report);
        routing.get(STATUS, reading(this::find));
        routing.get(STATUS + "/summary", reading((req, res) -> json(res, StatusJson.summary(
                lineages.index().summary(clock.instant())))));
        routing.get(STATUS + "/clients/{id}", reading(this::client));
        routing.get(METRICS, reading((req, res) -> send(res, GatewayMetrics.contentType(), metrics.scrape())));
        for (String path : List.of(STATUS, STATUS + "/summary", STATUS + "/clients/{id}", STATUS + "/report", METRICS,
                DASHBOARD)) {
            routing.any(path, (req, res) -> {
                throw Problems.methodNotAllowed(req.prologue().method().text() + " is not allowed here");
            });
        }
    }

    private io.helidon.webserver.http.Handler reading(io.helidon.webserver.http.Handler handler) {
        return (req, res) -> {
            String authorization = req.headers().first(HeaderNames.AUTHORIZATION).orElse(null);
            if (readers.stream().noneMatch(t -> t.matchesAuthorization(authorization))) {
                refuse(res, "the status API needs its bearer token (data/status.token by default)");
                return;
            }
            handler.handle(req, res);
        };
    }

    private static void refuse(ServerResponse res, String why) {
        res.status(Status.UNAUTHORIZED_401);
        res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
        res.header(HeaderNames.CONTENT_TYPE, "application/problem+json");
        res.send(AcmeJson.write(AcmeJson.object().put("type", "urn:ietf:params:acme:error:unauthorized")
                .put("detail", why).put("status", 401)));
    }

    private void find(ServerRequest req, ServerResponse res) {
        Optional<String> stateText = req.query().first("state").asOptional();
        LineageState state = stateText.map(s -> LineageState.byLabel(s).orElseThrow(() -> Problems.malformed(
                "state must be one of ok, renewal-due, overdue, expired, failing, revoked; not '" + s + "'")))
                .orElse(null);
        int limit = intParameter(req, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
        long after = longParameter(req, "cursor");
        long[] onlyIds = req.query().first("name").asOptional().map(name ->
                store.lineageIdsByName(name).stream().mapToLong(Long::longValue).toArray()).orElse(null);
        String client = req.query().first("client").asOptional().orElse(null);
        Instant now = clock.instant();
        StatusIndex.Page page = lineages.index().find(new StatusIndex.Filter(state, client, onlyIds), after, limit, now);
        ObjectNode body = AcmeJson.object();
        ArrayNode list = body.putArray("lineages");
        page.ids().forEach(id -> store.lineage(id).ifPresent(l -> list.add(StatusJson.lineage(l, now))));
        if (page.next() == 0) {
            body.putNull("next");
        } else {
            body.put("next", Long.toString(page.next()));
            res.header(HeaderNames.create("Link"), "<" + nextUrl(req, page.next()) + ">;rel=\"next\"");
        }
        json(res, body);
    }

    private static String nextUrl(ServerRequest req, long cursor) {
        StringBuilder url = new StringBuilder(STATUS + "?cursor=").append(cursor);
        for (String name : List.of("state", "client", "name", "limit")) {
            req.query().first(name).asOptional().ifPresent(v -> url.append('&').append(name).append('=')
                    .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
        }
        return url.toString();
    }

    private void client(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        Instant now = clock.instant();
        ObjectNode body = AcmeJson.object();
        ArrayNode list = AcmeJson.MAPPER.createArrayNode();
        long after = 0;
        for (StatusIndex.Page page = lineages.index().find(new StatusIndex.Filter(null, id, null), after, MAX_PAGE, now);
             ; page = lineages.index().find(new StatusIndex.Filter(null, id, null), after, MAX_PAGE, now)) {
            page.ids().forEach(lineageId -> store.lineage(lineageId).ifPresent(l -> {
                if (body.get("client") == null) {
                    body.set("client", StatusJson.client(l.client()));
                }
                list.add(StatusJson.lineage(l, now));
            }));
            if (page.next() == 0) {
                break;
            }
            after = page.next();
        }
        if (list.isEmpty()) {
            throw Problems.notFound("no lineage of client " + id);
        }
        body.set("lineages", list);
        json(res, body);
    }

    private void report(ServerRequest req, ServerResponse res) {
        Optional<ReportClient> reporter = reportClients.authenticate(
                req.headers().first(HeaderNames.AUTHORIZATION).orElse(null));
        if (reporter.isEmpty()) {
            refuse(res, "a report needs the client's report token (acmegate report-token create --client NAME)");
            return;
        }
        byte[] body = AcmeRequests.readBody(req); // a certificate chain is a few kilobytes
        LineageBook.Report report;
        try {
            report = CertificateReport.parse(req.headers().first(HeaderNames.CONTENT_TYPE).orElse(null), body,
                    req.query().all("endpoint", List::of));
        } catch (IllegalArgumentException e) {
            throw Problems.malformed(e.getMessage());
        }
        Lineage.Client client = new Lineage.Client(reporter.get().name(), List.of(), null, req.remotePeer().host(),
                req.headers().first(HeaderNames.USER_AGENT).orElse(null));
        Lineage stored = lineages.reported(client, report);
        // What the probe found stays with the status token: a reporter must not learn which of the hosts and ports
        // it names answer (a port scanner otherwise).
        ObjectNode answer = StatusJson.lineage(stored, clock.instant());
        answer.remove("deployment");
        json(res, answer);
    }

    private static int intParameter(ServerRequest req, String name, int fallback, int min, int max) {
        Optional<String> text = req.query().first(name).asOptional();
        try {
            int value = text.map(Integer::parseInt).orElse(fallback);
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw Problems.malformed(name + " must be a whole number from " + min + " to " + max);
        }
    }

    private static long longParameter(ServerRequest req, String name) {
        try {
            long value = req.query().first(name).asOptional().map(Long::parseLong).orElse(0L);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw Problems.malformed(name + " must be the 'next' value of the previous page");
        }
    }

    private static void json(ServerResponse res, ObjectNode body) {
        send(res, "application/json", AcmeJson.write(body));
    }

    private static void send(ServerResponse res, String contentType, byte[] body) {
        res.header(HeaderNames.CONTENT_TYPE, contentType);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(body);
    }

    private static byte[] resource(String name) {
        try (InputStream in = StatusService.class.getResourceAsStream("/io/acmegate/gateway/status/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the " + name + " resource is missing from the gateway jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
