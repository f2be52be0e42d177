package io.acmegate.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.challenge.ChallengeBoard;
import io.acmegate.gateway.config.GatewayConfig;
import io.acmegate.gateway.delegation.DelegationZone;
import io.acmegate.gateway.delegation.Delegations;
import io.acmegate.gateway.model.Delegation;
import io.acmegate.gateway.model.EabKey;
import io.acmegate.gateway.model.Lineage;
import io.acmegate.gateway.status.LineageBook;
import io.acmegate.gateway.status.StatusIndex;
import io.acmegate.gateway.status.report.CertificateReport;
import io.acmegate.gateway.status.report.ReportClients;
import io.acmegate.gateway.registration.EabKeys;
import io.acmegate.gateway.store.Store;
import io.acmegate.gateway.upstream.CaFallback;
import io.acmegate.gateway.upstream.CaaRecords;
import io.acmegate.gateway.upstream.UpstreamException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What an operator does to the gateway's state, as JSON in and JSON out: the same operations serve the
 * admin API (while the gateway runs and holds the store) and the command line (while it does not).
 * Bad input is an {@link IllegalArgumentException} whose message is the one line to show.
 */
public final class AdminOperations {
    private final Map<String, Function<ObjectNode, ObjectNode>> operations;
    private final EabKeys eabKeys;
    private final Delegations delegations;
    private final Store store;
    private final CaFallback upstreams;
    /** Built when an operation needs it: the command line's own would load the whole status index. */
    private final java.util.function.Supplier<LineageBook> lineages;
    private final ReportClients reportClients;

    /** @param upstreams the running gateway's upstreams, or null for the command line's own store access */
    public AdminOperations(EabKeys eabKeys, Delegations delegations, Store store, CaFallback upstreams,
                           java.util.function.Supplier<LineageBook> lineages, ReportClients reportClients) {
        this.eabKeys = eabKeys;
        this.delegations = delegations;
        this.store = store;
        this.upstreams = upstreams;
        this.lineages = lineages;
        this.reportClients = reportClients;
        this.operations = Map.of(
                "eab-keys", this::createEabKey,
                "delegations", this::addDelegation,
                "delegations/find", this::findDelegation,
                "audit", this::audit,
                "caa", this::caa,
                "reissue", this::reissue,
                "report-clients", this::createReportClient,
                "lineage-endpoints", this::setEndpoints);
    }

    /** The operations over a store that no running gateway holds (the command line's own). */
    public static AdminOperations local(Store store, GatewayConfig config) {
        Clock clock = Clock.systemUTC();
        GatewayConfig.Delegation d = config.delegation();
        return new AdminOperations(new EabKeys(store, io.acmegate.gateway.Gateway.secrets(config), clock),
                new Delegations(store, new ChallengeBoard(store, clock), new DelegationZone(d.zone(), d.nameServer()),
                        clock), store, null, () -> new LineageBook(store, StatusIndex.load(store), clock),
                new ReportClients(store, clock));
    }

    public boolean has(String operation) {
        return operations.containsKey(operation);
    }

    public ObjectNode run(String operation, ObjectNode request) {
        Function<ObjectNode, ObjectNode> op = operations.get(operation);
        if (op == null) {
            throw new IllegalArgumentException("unknown admin operation " + operation);
        }
        return op.apply(request);
    }

    private ObjectNode createEabKey(ObjectNode request) {
        EabKey key = eabKeys.create(texts(request.path("names")), request.path("label").asText(""));
        ObjectNode json = AcmeJson.object().put("keyId", key.keyId()).put("hmacKey", EabKeys.encodedHmac(key));
        key.names().forEach(json.putArray("names")::add);
        return json.put("label", key.label());
    }

    /** CAA records allowing exactly the configured upstream accounts (RFC 8657), fallbacks included. */
    private ObjectNode caa(ObjectNode request) {
        if (upstreams == null) {
            throw new IllegalArgumentException("caa needs the running gateway (it knows the upstream accounts and"
                    + " registers them): start 'acmegate serve --config ...' first");
        }
        String domain = Delegations.normalise(request.path("domain").asText(""));
        ObjectNode json = AcmeJson.object();
        var records = json.putArray("records");
        try {
            CaaRecords.forDomain(domain, List.copyOf(upstreams.all())).forEach(records::add);
        } catch (UpstreamException e) {
            throw new IllegalArgumentException("cannot ask upstream for its CAA identity: " + e.getMessage());
        }
        return json;
    }

    /** The audit trail, newest first; "name" keeps the events that name it, "limit" caps the count. */
    private ObjectNode audit(ObjectNode request) {
        int limit = Math.min(Math.max(request.path("limit").asInt(50), 1), 10_000);
        String name = request.path("name").asText("");
        ObjectNode json = AcmeJson.object();
        var events = json.putArray("events");
        store.recentAudit(name.isEmpty() ? limit : 100_000).stream()
                .filter(e -> name.isEmpty() || e.names().contains(name)).limit(limit)
                .forEach(e -> events.add(AcmeJson.MAPPER.valueToTree(java.util.Map.of(
                        "at", e.at().toString(), "kind", e.kind(), "account", e.accountId(),
                        "names", e.names(), "upstream", String.valueOf(e.upstream()),
                        "upstreamAccount", String.valueOf(e.upstreamAccount()), "outcome", e.outcome(),
                        "reason", String.valueOf(e.reason()), "source", String.valueOf(e.source())))));
        return json;
    }

    /**
     * Mass re-issue: marks every live lineage that matches all the given criteria (issuer: the upstream that issued
     * its certificate; names: holds one of them or a name under one; client: account id or report client).
     */
    private ObjectNode reissue(ObjectNode request) {
        String issuer = request.path("issuer").asText("");
        String client = request.path("client").asText("");
        List<String> names = texts(request.path("names"));
        if (issuer.isEmpty() && client.isEmpty() && names.isEmpty()) {
            throw new IllegalArgumentException("say which lineages to re-issue: --issuer, --names or --client");
        }
        List<Long> candidates = names.isEmpty() ? null
                : names.stream().flatMap(n -> store.lineageIdsByName(n).stream()).distinct().sorted().toList();
        List<Long> marked = lineages.get().reissue(candidates, l -> (issuer.isEmpty() || issuer.equals(l.current().issuer()))
                && (client.isEmpty() || client.equals(l.client().id())));
        ObjectNode json = AcmeJson.object().put("marked", marked.size());
        marked.forEach(id -> json.withArray("lineages").add(Long.toString(id)));
        return json;
    }

    private ObjectNode createReportClient(ObjectNode request) {
        ReportClients.Created created = reportClients.create(request.path("client").asText(""));
        return AcmeJson.object().put("client", created.name()).put("token", created.token());
    }

    /** Sets the TLS endpoints ("host:port" or "host:port/sni") the deployment probe checks for a lineage. */
    private ObjectNode setEndpoints(ObjectNode request) {
        long id;
        try {
            id = Long.parseLong(request.path("lineage").asText(""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("lineage must be a lineage id from the status API");
        }
        List<Lineage.Endpoint> endpoints = CertificateReport.parseEndpoints(texts(request.path("endpoints")));
        Lineage lineage = lineages.get().endpoints(id, endpoints)
                .orElseThrow(() -> new IllegalArgumentException("no lineage " + id));
        ObjectNode json = AcmeJson.object().put("lineage", Long.toString(lineage.id()));
        lineage.endpoints().forEach(e -> json.withArray("endpoints").add(e.host() + ":" + e.port() + "/" + e.serverName()));
        return json;
    }

    private ObjectNode addDelegation(ObjectNode request) {
        String domain = request.path("domain").asText("");
        return delegationJson(domain, delegations.add(domain));
    }

    private ObjectNode findDelegation(ObjectNode request) {
        String domain = request.path("domain").asText("");
        Delegation delegation = delegations.forDomain(domain).orElseThrow(() -> new IllegalArgumentException(
                "no delegation for " + domain + "; create one with: acmegate delegation add " + domain));
        return delegationJson(domain, delegation);
    }

    private ObjectNode delegationJson(String domain, Delegation delegation) {
        return AcmeJson.object()
                .put("domain", domain)
                .put("label", delegation.label())
                .put("target", delegations.zone().nameOf(delegation.label()))
                .put("record", delegations.cnameRecord(domain, delegation));
    }

    private static List<String> texts(JsonNode array) {
        List<String> result = new ArrayList<>();
        array.forEach(n -> result.add(n.asText()));
        return result;
    }
}
