package io.acmegate.plugins.dns.rfc2136;

import io.acmegate.plugins.SettingsReader;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;

/**
 * The settings of one {@code rfc2136} provider, read once and checked. Every problem is an
 * {@link IllegalArgumentException} with one line naming the provider and the setting; a secret is never quoted.
 *
 * @param host    the primary server's host name or address
 * @param port    its DNS port (TCP)
 * @param zone    the zone updated, lower case, without the trailing dot
 * @param key     the TSIG key that signs each update
 * @param ttl     the TTL of published records when the caller gives none
 * @param timeout how long one update may take before it fails as retryable
 */
record Rfc2136Settings(String host, int port, String zone, TsigKey key, Duration ttl, Duration timeout) {

    static final String SERVER = "server";
    static final String ZONE = "zone";
    static final String TSIG_KEY_NAME = "tsig-key-name";
    static final String TSIG_ALGORITHM = "tsig-algorithm";
    static final String TSIG_SECRET = "tsig-secret";
    static final String TTL = "ttl";
    static final String TIMEOUT = "timeout";

    static final int DEFAULT_PORT = 53;
    static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final String DEFAULT_ALGORITHM = "hmac-sha256";

    private static final Set<String> KNOWN = Set.of(SERVER, ZONE, TSIG_KEY_NAME, TSIG_ALGORITHM, TSIG_SECRET, TTL,
            TIMEOUT);
    // RFC 8945 §6: HMAC-SHA256 is mandatory to implement; MD5 and SHA-1 are not offered.
    private static final Map<String, Name> ALGORITHMS = Map.of(
            "hmac-sha256", TSIG.HMAC_SHA256,
            "hmac-sha384", TSIG.HMAC_SHA384,
            "hmac-sha512", TSIG.HMAC_SHA512);
    private static final long MAX_TTL_SECONDS = 0x7FFFFFFFL; // RFC 2181 §8
    private static final int MAX_QUOTED = 100;

    /**
     * Reads and checks the settings of provider {@code name}.
     *
     * @throws IllegalArgumentException naming the first missing, unknown or invalid setting
     */
    static Rfc2136Settings parse(String name, Map<String, String> settings) {
        Reader reader = new Reader(name, settings);
        reader.common.rejectUnknown();
        Server server = reader.server();
        String zone = reader.zone();
        TsigKey key = new TsigKey(reader.dnsName(TSIG_KEY_NAME, reader.common.required(TSIG_KEY_NAME)),
                reader.algorithm(),
                reader.secret());
        Duration ttl = reader.ttl();
        Duration timeout = reader.timeout();
        return new Rfc2136Settings(server.host(), server.port(), zone, key, ttl, timeout);
    }

    private record Server(String host, int port) {
    }

    private static final class Reader {

        private final SettingsReader common;

        Reader(String provider, Map<String, String> settings) {
            this.common = new SettingsReader("DNS provider", provider, Rfc2136ProviderFactory.TYPE, settings, KNOWN,
                    MAX_QUOTED);
        }

        Server server() {
            String value = common.required(SERVER);
            String host = value;
            String port = null;
            if (value.startsWith("[")) { // [IPv6]:port (RFC 3986 §3.2.2)
                int close = value.indexOf(']');
                if (close < 0 || (close + 1 < value.length() && value.charAt(close + 1) != ':')) {
                    throw common.invalid(SERVER, "must be host, host:port or [address]:port, not "
                            + common.quote(value));
                }
                host = value.substring(1, close);
                port = close + 1 < value.length() ? value.substring(close + 2) : null;
            } else if (value.indexOf(':') >= 0 && value.indexOf(':') == value.lastIndexOf(':')) {
                host = value.substring(0, value.indexOf(':'));
                port = value.substring(value.indexOf(':') + 1);
            } // several colons and no brackets: a bare IPv6 address
            if (host.isEmpty() || host.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/')) {
                throw common.invalid(SERVER, "must be host, host:port or [address]:port, not " + common.quote(value));
            }
            return new Server(host, port == null ? DEFAULT_PORT : port(port));
        }

        private int port(String text) {
            try {
                int port = Integer.parseInt(text);
                if (port >= 1 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException notNumber) {
                // reported below
            }
            throw common.invalid(SERVER, "has port " + common.quote(text) + "; a port is 1 to 65535");
        }

        String zone() {
            String zone = common.required(ZONE).toLowerCase(Locale.ROOT);
            if (zone.endsWith(".")) {
                zone = zone.substring(0, zone.length() - 1);
            }
            if (zone.isEmpty()) {
                throw common.invalid(ZONE, "must name a zone, not the root");
            }
            dnsName(ZONE, zone);
            return zone;
        }

        Name dnsName(String key, String text) {
            try {
                return Name.fromString(text.endsWith(".") ? text : text + ".");
            } catch (TextParseException e) {
                throw common.invalid(key, "is not a valid DNS name: " + common.quote(text));
            }
        }

        Name algorithm() {
            String value = common.optional(TSIG_ALGORITHM, DEFAULT_ALGORITHM).toLowerCase(Locale.ROOT);
            Name algorithm = ALGORITHMS.get(value);
            if (algorithm == null) {
                throw common.invalid(TSIG_ALGORITHM, "must be one of "
                        + String.join(", ", new TreeSet<>(ALGORITHMS.keySet()))
                        + ", not " + common.quote(value));
            }
            return algorithm;
        }

        byte[] secret() {
            String encoded = common.required(TSIG_SECRET).replaceAll("\\s", ""); // keys are often wrapped or spaced
            byte[] secret;
            try {
                secret = Base64.getDecoder().decode(encoded);
            } catch (IllegalArgumentException e) {
                throw common.invalid(TSIG_SECRET, "is not valid base64"); // never quote the secret
            }
            if (secret.length == 0) {
                throw common.invalid(TSIG_SECRET, "is empty");
            }
            return secret;
        }

        Duration ttl() {
            String value = common.optional(TTL, null);
            if (value == null) {
                return DEFAULT_TTL;
            }
            try {
                long seconds = Long.parseLong(value.endsWith("s") ? value.substring(0, value.length() - 1) : value);
                if (seconds >= 0 && seconds <= MAX_TTL_SECONDS) {
                    return Duration.ofSeconds(seconds);
                }
            } catch (NumberFormatException notNumber) {
                // reported below
            }
            throw common.invalid(TTL, "must be a number of seconds from 0 to " + MAX_TTL_SECONDS + ", not "
                    + common.quote(value));
        }

        Duration timeout() {
            String value = common.optional(TIMEOUT, null);
            if (value == null) {
                return DEFAULT_TIMEOUT;
            }
            Duration timeout = SettingsReader.shortDuration(value, ChronoUnit.SECONDS);
            if (timeout != null && !timeout.isZero()) {
                return timeout;
            }
            throw common.invalid(TIMEOUT, "must be a positive duration such as 10s, 500ms or 1m, not "
                    + common.quote(value));
        }
    }
}
