package io.acmegate.plugins.notify.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.plugins.notify.StatusEvent;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The body of a webhook delivery and its signature.
 *
 * <p>The body is the event as one JSON object with the record's field names; {@code at} is an ISO-8601 string in UTC
 * and absent values are {@code null}. The signature is {@code sha256=} followed by the lowercase hex
 * HMAC-SHA256 (RFC 2104) of {@code <timestamp> + "." + <body bytes>} under the shared secret, where the timestamp is
 * the {@code X-Acmegate-Timestamp} header (Unix seconds): the timestamp is inside the MAC so that a receiver can
 * refuse an old delivery replayed with a fresh header.
 */
final class WebhookMessage {

    static final String SIGNATURE_PREFIX = "sha256=";
    private static final String HMAC = "HmacSHA256";
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookMessage() {
    }

    /** The event as the JSON body of a delivery, UTF-8. */
    static byte[] body(StatusEvent event) {
        ObjectNode json = JSON.createObjectNode();
        json.put("id", event.id());
        json.put("kind", event.kind());
        json.put("at", event.at().toString()); // Instant.toString is ISO-8601 in UTC
        json.put("lineageId", event.lineageId());
        json.put("clientId", event.clientId());
        ArrayNode names = json.putArray("names");
        event.names().forEach(names::add);
        json.put("state", event.state());
        json.put("detail", event.detail());
        try {
            return JSON.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serializes", e);
        }
    }

    /** The value of {@code X-Acmegate-Signature} for {@code body} sent at {@code timestamp}. */
    static String signature(byte[] secret, Instant timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret, HMAC));
            mac.update((timestamp.getEpochSecond() + ".").getBytes(StandardCharsets.US_ASCII));
            return SIGNATURE_PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JDK has HmacSHA256 (Java SE security algorithm requirements)", e);
        }
    }
}
