package io.acmegate.plugins.notify.webhook;

import io.acmegate.plugins.SettingsReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The settings of one {@code webhook} notifier, read once and checked. Every problem is an
 * {@link IllegalArgumentException} with one line naming the notifier and the setting; neither the secret nor the URL
 * (which often holds a token itself) is ever quoted.
 *
 * @param url            where events are POSTed
 * @param secret         the HMAC-SHA256 key that signs each delivery: the setting's UTF-8 bytes
 * @param maxAttempts    how many times one event is tried, the first attempt included
 * @param initialBackoff the wait before the first retry; it doubles for each later one, up to {@link #MAX_BACKOFF}
 * @param timeout        how long one attempt may take (connecting, then the answer's status line)
 */
record WebhookSettings(URI url, byte[] secret, int maxAttempts, Duration initialBackoff, Duration timeout) {

    static final String URL = "url";
    static final String SECRET = "secret";
    static final String MAX_ATTEMPTS = "max-attempts";
    static final String INITIAL_BACKOFF = "initial-backoff";
    static final String TIMEOUT = "timeout";

    static final int MIN_SECRET_LENGTH = 16;
    static final int DEFAULT_MAX_ATTEMPTS = 5;
    static final int MAX_MAX_ATTEMPTS = 100;
    static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** No wait between two attempts is longer than this, whatever the backoff or the receiver's Retry-After says. */
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private static final Set<String> KNOWN = Set.of(URL, SECRET, MAX_ATTEMPTS, INITIAL_BACKOFF, TIMEOUT);
    private static final int MAX_QUOTED = 40;

    WebhookSettings {
        secret = secret.clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    /** Never shows the secret or the URL's path and query, which may hold a token. */
    @Override
    public String toString() {
        return "WebhookSettings[url=" + url.getScheme() + "://" + url.getRawAuthority() + "/..., maxAttempts="
                + maxAttempts + ", initialBackoff=" + initialBackoff + ", timeout=" + timeout + "]";
    }

    /**
     * Reads and checks the settings of notifier {@code name}.
     *
     * @throws IllegalArgumentException naming the first missing, unknown or invalid setting
     */
    static WebhookSettings parse(String name, Map<String, String> settings) {
        Reader reader = new Reader(new SettingsReader("notifier", name, WebhookNotifierFactory.TYPE, settings, KNOWN,
                MAX_QUOTED));
        reader.common().rejectUnknown();
        return new WebhookSettings(reader.url(), reader.secret(), reader.maxAttempts(),
                reader.duration(INITIAL_BACKOFF, DEFAULT_INITIAL_BACKOFF, MAX_BACKOFF),
                reader.duration(TIMEOUT, DEFAULT_TIMEOUT, Duration.ofMinutes(10)));
    }

    private record Reader(SettingsReader common) {

        URI url() {
            URI url;
            try {
                url = new URI(common.required(URL));
            } catch (URISyntaxException e) {
                throw common.invalid(URL, "is not a valid URL"); // not quoted: the path or query may be a token
            }
            String scheme = url.getScheme() == null ? null : url.getScheme().toLowerCase(Locale.ROOT);
            if (!"http".equals(scheme) && !"https".equals(scheme)) {
                throw common.invalid(URL, "must be an http or https URL, not "
                        + (scheme == null ? "a relative one" : "scheme " + common.quote(scheme)));
            }
            if (url.getHost() == null || url.getRawUserInfo() != null || url.getRawFragment() != null) {
                throw common.invalid(URL,
                        "must be an absolute http or https URL with a host and no user info or fragment");
            }
            return url;
        }

        byte[] secret() {
            String secret = common.required(SECRET);
            if (secret.length() < MIN_SECRET_LENGTH) { // the length only: never the value
                throw common.invalid(SECRET, "must be at least " + MIN_SECRET_LENGTH + " characters long");
            }
            return secret.getBytes(StandardCharsets.UTF_8);
        }

        int maxAttempts() {
            String value = common.optional(MAX_ATTEMPTS, null);
            if (value == null) {
                return DEFAULT_MAX_ATTEMPTS;
            }
            try {
                int attempts = Integer.parseInt(value);
                if (attempts >= 1 && attempts <= MAX_MAX_ATTEMPTS) {
                    return attempts;
                }
            } catch (NumberFormatException notNumber) {
                // reported below
            }
            throw common.invalid(MAX_ATTEMPTS, "must be a whole number from 1 to " + MAX_MAX_ATTEMPTS + ", not "
                    + common.quote(value));
        }

        /** A positive duration up to {@code max}: ISO-8601 ({@code PT2S}) or short ({@code 2s}, {@code 500ms}). */
        Duration duration(String key, Duration fallback, Duration max) {
            String value = common.optional(key, null);
            if (value == null) {
                return fallback;
            }
            Duration duration = parseDuration(value);
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw common.invalid(key, "must be a positive duration such as 2s, 500ms, 1m or PT2S, not "
                        + common.quote(value));
            }
            if (duration.compareTo(max) > 0) {
                throw common.invalid(key, "must be at most " + max.toSeconds() + "s, not " + common.quote(value));
            }
            return duration;
        }

        private static Duration parseDuration(String value) {
            Duration shortForm = SettingsReader.shortDuration(value, null);
            if (shortForm != null) {
                return shortForm;
            }
            try {
                return Duration.parse(value);
            } catch (DateTimeParseException notIso) {
                return null;
            }
        }
    }
}
