package io.acmegate.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.acmegate.gateway.upstream.LocalCaUpstream;
import io.acmegate.gateway.upstream.acme.AcmeUpstreamConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The upstream CA accounts and the order to try them, read once from the YAML configuration file:
 * <pre>
 * upstreams:
 *   - name: letsencrypt
 *     directory: https://acme-v02.api.letsencrypt.org/directory
 *     contact: [mailto:ops@example.com]
 *     challenges: [dns-01, http-01]      # default: both
 *     key-type: ec-p256                  # ec-p384, rsa-2048
 *     eab-kid: ...                       # with eab-hmac, for CAs that need EAB
 *     preferred-chain: ISRG Root X1
 *     trust: /etc/acmegate/private-ca.pem
 *     timeout: PT5M
 *     wildcards: true                    # what the CA serves; routing skips it for orders it cannot
 *     max-names: 100
 *   - name: local
 *     type: local                        # the built-in CA
 * routing:
 *   default: [letsencrypt, local]        # default: every upstream, in the order listed
 *   rules:
 *     - names: ["*.internal.example"]
 *       upstreams: [local]
 * fallback:
 *   failures-before-cooldown: 3
 *   cooldown: PT5M
 * limits:                                # protect the shared upstream accounts
 *   per-client: {orders: 300, per: PT3H}
 *   per-name: {orders: 50, per: PT3H}
 *   failed-validations: {max: 5, window: PT1H, pause: PT1H}
 * dns-providers:                         # zones not delegated to acmegate (Managed Challenges)
 *   - name: corp-zone
 *     type: rfc2136
 *     settings: {server: 192.0.2.53, zone: corp.example.com, tsig-key-name: acmegate,
 *                tsig-algorithm: hmac-sha256, tsig-secret: ...}
 * </pre>
 * A bad entry stops start-up with one line naming the key.
 */
public record UpstreamsConfig(List<AcmeUpstreamConfig> acme, boolean local, List<String> defaultRoute,
                              List<Rule> rules, int failuresBeforeCooldown, Duration cooldown,
                              List<DnsProviderConfig> dnsProviders, Limits limits,
                              Map<String, Capabilities> capabilities) {

    /** What an upstream can serve; fallback skips it for an order it cannot (wildcards, number of names). */
    public record Capabilities(boolean wildcards, int maxNames) {
        public static final Capabilities DEFAULT = new Capabilities(true, 100);
    }

    /** Per-client and per-name order buckets, and the pause on names whose validations keep failing. */
    public record Limits(int perClient, Duration perClientPeriod, int perName, Duration perNamePeriod,
                         int maxFailedValidations, Duration failureWindow, Duration pause) {
        public static final Limits DEFAULT = new Limits(300, Duration.ofHours(3), 50, Duration.ofHours(3), 5,
                Duration.ofHours(1), Duration.ofHours(1));
    }

    public record Rule(List<String> names, List<String> upstreams) {
    }

    /** A DNS provider plugin instance: its type names a {@code DnsProviderFactory}. */
    public record DnsProviderConfig(String name, String type, Map<String, String> settings) {
        public DnsProviderConfig {
            settings = Map.copyOf(settings);
        }
    }

    public UpstreamsConfig {
        acme = List.copyOf(acme);
        defaultRoute = List.copyOf(defaultRoute);
        rules = List.copyOf(rules);
        dnsProviders = List.copyOf(dnsProviders);
        capabilities = Map.copyOf(capabilities);
    }

    public Capabilities capabilitiesOf(String upstream) {
        return capabilities.getOrDefault(upstream, Capabilities.DEFAULT);
    }

    /** Without a configuration file: the local CA only. */
    public static UpstreamsConfig embeddedDefault() {
        return new UpstreamsConfig(List.of(), true, List.of(LocalCaUpstream.NAME), List.of(), 3, Duration.ofMinutes(5),
                List.of(), Limits.DEFAULT, Map.of());
    }

    public static UpstreamsConfig read(Path file) {
        return from(ConfigFile.read(file), file.toString());
    }

    /** The upstream sections of the configuration file's tree ({@link ConfigFile#read}); {@code source} names it. */
    public static UpstreamsConfig from(JsonNode root, String source) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": expected a YAML mapping with 'upstreams'");
        }
        List<AcmeUpstreamConfig> acme = new ArrayList<>();
        Map<String, Capabilities> capabilities = new java.util.HashMap<>();
        boolean local = false;
        Set<String> names = new HashSet<>();
        List<String> order = new ArrayList<>();
        JsonNode upstreams = root.path("upstreams");
        if (!upstreams.isArray() || upstreams.isEmpty()) {
            throw new IllegalArgumentException(source + ": 'upstreams' must list at least one upstream");
        }
        for (int i = 0; i < upstreams.size(); i++) {
            JsonNode u = upstreams.get(i);
            String where = "upstreams[" + i + "]";
            String name = text(u, "name", where, null);
            if (!names.add(name)) {
                throw new IllegalArgumentException(where + ".name: '" + name + "' is used twice");
            }
            order.add(name);
            JsonNode wildcards = u.get("wildcards");
            if (wildcards != null && !wildcards.isBoolean()) {
                throw new IllegalArgumentException(where + ".wildcards must be true or false");
            }
            capabilities.put(name, new Capabilities(wildcards == null || wildcards.asBoolean(),
                    positive(u, "max-names", where, Capabilities.DEFAULT.maxNames())));
            String type = text(u, "type", where, "acme");
            if (type.equals("local")) {
                if (!name.equals(LocalCaUpstream.NAME)) {
                    throw new IllegalArgumentException(where + ".name: the local CA is named '" + LocalCaUpstream.NAME + "'");
                }
                local = true;
                continue;
            }
            if (!type.equals("acme")) {
                throw new IllegalArgumentException(where + ".type: 'acme' or 'local', not '" + type + "'");
            }
            acme.add(acmeUpstream(u, where, name));
        }
        JsonNode routing = root.path("routing");
        List<String> defaultRoute = routing.has("default") ? list(routing.get("default"), "routing.default") : order;
        List<Rule> rules = new ArrayList<>();
        JsonNode ruleNodes = routing.path("rules");
        for (int i = 0; i < ruleNodes.size(); i++) {
            String where = "routing.rules[" + i + "]";
            rules.add(new Rule(list(ruleNodes.get(i).get("names"), where + ".names"),
                    list(ruleNodes.get(i).get("upstreams"), where + ".upstreams")));
        }
        for (String name : defaultRoute) {
            requireKnown(names, name, "routing.default");
        }
        for (int i = 0; i < rules.size(); i++) {
            for (String name : rules.get(i).upstreams()) {
                requireKnown(names, name, "routing.rules[" + i + "].upstreams");
            }
        }
        JsonNode fallback = root.path("fallback");
        int failures = fallback.path("failures-before-cooldown").asInt(3);
        if (failures < 1) {
            throw new IllegalArgumentException("fallback.failures-before-cooldown must be at least 1");
        }
        Duration cooldown = duration(fallback, "cooldown", "fallback", Duration.ofMinutes(5));
        List<DnsProviderConfig> providers = new ArrayList<>();
        JsonNode providerNodes = root.path("dns-providers");
        for (int i = 0; i < providerNodes.size(); i++) {
            JsonNode p = providerNodes.get(i);
            String where = "dns-providers[" + i + "]";
            Map<String, String> settings = new java.util.LinkedHashMap<>();
            p.path("settings").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
            providers.add(new DnsProviderConfig(text(p, "name", where, null), text(p, "type", where, null), settings));
        }
        JsonNode limits = root.path("limits");
        Limits d = Limits.DEFAULT;
        Limits parsed = new Limits(
                positive(limits.path("per-client"), "orders", "limits.per-client", d.perClient()),
                duration(limits.path("per-client"), "per", "limits.per-client", d.perClientPeriod()),
                positive(limits.path("per-name"), "orders", "limits.per-name", d.perName()),
                duration(limits.path("per-name"), "per", "limits.per-name", d.perNamePeriod()),
                positive(limits.path("failed-validations"), "max", "limits.failed-validations", d.maxFailedValidations()),
                duration(limits.path("failed-validations"), "window", "limits.failed-validations", d.failureWindow()),
                duration(limits.path("failed-validations"), "pause", "limits.failed-validations", d.pause()));
        return new UpstreamsConfig(acme, local, defaultRoute, rules, failures, cooldown, providers, parsed,
                capabilities);
    }

    private static AcmeUpstreamConfig acmeUpstream(JsonNode u, String where, String name) {
        URI directory;
        try {
            directory = URI.create(text(u, "directory", where, null));
            if (directory.getScheme() == null || !directory.getScheme().startsWith("http")) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ".directory must be an http(s) URL");
        }
        String trust = text(u, "trust", where, "");
        try {
            return new AcmeUpstreamConfig(name, directory,
                    u.has("contact") ? list(u.get("contact"), where + ".contact") : List.of(),
                    text(u, "eab-kid", where, null, false), text(u, "eab-hmac", where, null, false),
                    text(u, "key-type", where, "ec-p256"), text(u, "preferred-chain", where, null, false),
                    u.has("challenges") ? list(u.get("challenges"), where + ".challenges")
                            : AcmeUpstreamConfig.CHALLENGE_TYPES,
                    trust.isEmpty() ? null : Path.of(trust), duration(u, "timeout", where, Duration.ofMinutes(5)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }

    private static void requireKnown(Set<String> names, String name, String where) {
        if (!names.contains(name)) {
            throw new IllegalArgumentException(where + ": no upstream is named '" + name + "'");
        }
    }

    private static String text(JsonNode node, String key, String where, String fallback) {
        return text(node, key, where, fallback, true);
    }

    private static String text(JsonNode node, String key, String where, String fallback, boolean requiredIfNoFallback) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            if (fallback == null && requiredIfNoFallback) {
                throw new IllegalArgumentException(where + "." + key + " is required");
            }
            return fallback;
        }
        if (!value.isValueNode()) {
            throw new IllegalArgumentException(where + "." + key + " must be a single value");
        }
        return value.asText();
    }

    private static List<String> list(JsonNode node, String where) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new IllegalArgumentException(where + " must be a non-empty list");
        }
        List<String> result = new ArrayList<>();
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            result.add(it.next().asText());
        }
        return result;
    }

    static Duration duration(JsonNode node, String key, String where, Duration fallback) {
        JsonNode value = node.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Duration.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + "." + key + " must be an ISO-8601 duration such as PT5M");
        }
    }

    private static int positive(JsonNode node, String key, String where, int fallback) {
        JsonNode value = node.get(key);
        if (value == null) {
            return fallback;
        }
        if (!value.canConvertToInt() || value.asInt() < 1) {
            throw new IllegalArgumentException(where + "." + key + " must be a whole number of at least 1");
        }
        return value.asInt();
    }
}
