package io.acmegate.plugins.notify.webhook;

import io.acmegate.plugins.notify.Notifier;
import io.acmegate.plugins.notify.NotifierFactory;
import java.util.Map;

/**
 * The {@code webhook} notifier type: each event is POSTed as JSON to a URL, signed with a shared secret.
 *
 * <p>Settings: {@code url} (required, http or https), {@code secret} (required, at least 16 characters: the
 * HMAC-SHA256 key), {@code max-attempts} (5 by default, the first attempt included), {@code initial-backoff} (the wait
 * before the first retry, e.g. {@code 2s}, {@code 500ms} or {@code PT2S}; 1s by default; it doubles for each later
 * retry, up to 5 minutes) and {@code timeout} (per attempt; 10s by default).
 *
 * <p>Each delivery is {@code POST url} with the event as a JSON object (the
 * {@link io.acmegate.plugins.notify.StatusEvent} field names; {@code at} an ISO-8601 string) and these headers:
 * <ul>
 *   <li>{@code Content-Type: application/json} and {@code User-Agent: acmegate-webhook/1};</li>
 *   <li>{@code X-Acmegate-Event}: the event's kind, e.g. {@code lineage-failing};</li>
 *   <li>{@code X-Acmegate-Delivery}: the event's id, the same on every retry of that event;</li>
 *   <li>{@code X-Acmegate-Timestamp}: when this attempt was signed, in Unix seconds;</li>
 *   <li>{@code X-Acmegate-Signature}: {@code sha256=} and the lowercase hex HMAC-SHA256, keyed with the secret's UTF-8
 *       bytes, of the timestamp header's value, a {@code .}, and the raw body bytes.</li>
 * </ul>
 *
 * <p>A 2xx answer delivers. 408, 429, 5xx, a timeout or a failed connection is retried, waiting as long as a 429 or
 * 503 answer's {@code Retry-After} asks (up to 5 minutes); any other answer (3xx, 4xx) gives up at once. Redirects
 * are not followed.
 *
 * <p>How a receiver verifies a delivery:
 * <ol>
 *   <li>compute HMAC-SHA256(secret, {@code X-Acmegate-Timestamp} + "." + body) over the body exactly as received
 *       (before any JSON parsing), hex-encode it in lower case and compare it with the part of
 *       {@code X-Acmegate-Signature} after {@code sha256=} in constant time (e.g. {@code MessageDigest.isEqual});</li>
 *   <li>refuse the delivery when the timestamp is more than a few minutes from the receiver's clock: a captured
 *       delivery cannot be replayed later, since changing the timestamp breaks the MAC;</li>
 *   <li>answer 2xx quickly, and drop a {@code X-Acmegate-Delivery} id already seen: an attempt whose answer was lost
 *       is retried, so an event can arrive more than once.</li>
 * </ol>
 */
public final class WebhookNotifierFactory implements NotifierFactory {

    public static final String TYPE = "webhook";

    /** For {@link java.util.ServiceLoader}. */
    public WebhookNotifierFactory() {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Notifier create(String name, Map<String, String> settings) {
        return WebhookNotifier.create(name, WebhookSettings.parse(name, settings));
    }
}
