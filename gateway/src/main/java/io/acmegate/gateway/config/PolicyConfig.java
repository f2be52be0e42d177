package io.acmegate.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.acmegate.gateway.validation.ValidationSettings;
import io.acmegate.policy.CertificateProfile;
import io.acmegate.policy.CertificateProfiles;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who may have which identifiers beyond EAB grants, how acmegate validates clients, and the certificate profiles it
 * offers. The optional {@code policy} section of the configuration file:
 * <pre>
 * policy:
 *   open: [test, localhost]            # names under these: any account, no challenge (default as shown)
 *   validate: ["*", "192.0.2.0/24"]    # names (or ip ranges) any account may have by answering a challenge
 *   validation:                        # how acmegate validates (RFC 8555 §8, RFC 8737)
 *     resolver: 192.0.2.53:53          # default: the system's resolver
 *     http-port: 80
 *     tls-port: 443
 *     timeout: PT10S
 *     attempts: 3
 *     pause: PT2S
 *   profiles:                          # the ACME profiles extension: advertised in the directory
 *     - {name: classic, description: "90-day certificate", lifetime: P90D,
 *        upstream-profiles: {letsencrypt: classic}}
 *     - {name: shortlived, description: "6-day certificate", lifetime: P6D,
 *        upstream-profiles: {letsencrypt: shortlived}}
 *   default-profile: classic
 * </pre>
 */
public record PolicyConfig(List<String> open, List<String> validate, ValidationSettings validation, int attempts,
                           Duration pause, List<CertificateProfile> profiles, String defaultProfile) {
    public static final List<String> DEFAULT_OPEN = List.of("test", "localhost");

    public PolicyConfig {
        open = List.copyOf(open);
        validate = List.copyOf(validate);
        profiles = List.copyOf(profiles);
    }

    public static PolicyConfig embeddedDefault() {
        return new PolicyConfig(DEFAULT_OPEN, List.of(), ValidationSettings.defaults(), 3, Duration.ofSeconds(2),
                List.of(), null);
    }

    /** The profiles; without configured ones, a single default profile of the given lifetime. */
    public CertificateProfiles certificateProfiles(Duration defaultLifetime) {
        return profiles.isEmpty() ? CertificateProfiles.single(defaultLifetime)
                : CertificateProfiles.of(profiles, defaultProfile != null ? defaultProfile : profiles.get(0).name());
    }

    /** The policy section of the configuration file's tree ({@link ConfigFile#read}), or the embedded default. */
    public static PolicyConfig from(JsonNode root) {
        PolicyConfig d = embeddedDefault();
        JsonNode policy = root == null ? null : root.get("policy");
        if (policy == null) {
            return d;
        }
        JsonNode v = policy.path("validation");
        ValidationSettings settings = new ValidationSettings(resolver(v.path("resolver").asText(null)),
                port(v, "http-port", d.validation().httpPort()), port(v, "tls-port", d.validation().tlsPort()),
                UpstreamsConfig.duration(v, "timeout", "policy.validation", d.validation().timeout()));
        int attempts = v.path("attempts").asInt(d.attempts());
        if (attempts < 1 || attempts > 10) {
            throw new IllegalArgumentException("policy.validation.attempts must be from 1 to 10");
        }
        List<CertificateProfile> profiles = new ArrayList<>();
        JsonNode list = policy.path("profiles");
        for (int i = 0; i < list.size(); i++) {
            JsonNode p = list.get(i);
            String where = "policy.profiles[" + i + "]";
            Map<String, String> upstream = new LinkedHashMap<>();
            p.path("upstream-profiles").fields().forEachRemaining(e -> upstream.put(e.getKey(), e.getValue().asText()));
            Duration lifetime = UpstreamsConfig.duration(p, "lifetime", where, null);
            if (lifetime == null) {
                throw new IllegalArgumentException(where + ".lifetime is required (e.g. P90D)");
            }
            try {
                profiles.add(new CertificateProfile(p.path("name").asText(""), p.path("description").asText(""),
                        lifetime, upstream));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
        }
        PolicyConfig parsed = new PolicyConfig(
                policy.has("open") ? texts(policy.get("open")) : d.open(), texts(policy.path("validate")), settings,
                attempts, UpstreamsConfig.duration(v, "pause", "policy.validation", d.pause()), profiles,
                policy.path("default-profile").asText(null));
        parsed.certificateProfiles(Duration.ofDays(90)); // checks the profiles now: one line at start-up
        return parsed;
    }

    private static List<String> texts(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.forEach(n -> values.add(n.asText()));
        return values;
    }

    private static int port(JsonNode node, String key, int fallback) {
        int port = node.path(key).asInt(fallback);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("policy.validation." + key + " must be a port from 1 to 65535");
        }
        return port;
    }

    private static InetSocketAddress resolver(String text) {
        if (text == null) {
            return null;
        }
        int colon = text.lastIndexOf(':');
        try {
            String host = colon > 0 ? text.substring(0, colon).replaceAll("^\\[|]$", "") : text;
            int port = colon > 0 ? Integer.parseInt(text.substring(colon + 1)) : 53;
            if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(java.net.InetAddress.getByName(host), port);
        } catch (NumberFormatException | java.net.UnknownHostException e) {
            throw new IllegalArgumentException("policy.validation.resolver must be an address[:port], not '" + text + "'");
        }
    }
}
