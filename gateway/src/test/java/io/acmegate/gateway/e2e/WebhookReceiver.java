package io.acmegate.gateway.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real HTTP receiver for acmegate's webhook notifier on loopback: it keeps every event whose HMAC signature
 * verifies with the shared secret, and counts those that do not.
 */
final class WebhookReceiver implements AutoCloseable {
    private final HttpServer server;
    private final String secret;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final List<String> badSignatures = new CopyOnWriteArrayList<>();

    WebhookReceiver(String secret) {
        this.secret = secret;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String timestamp = exchange.getRequestHeaders().getFirst("X-Acmegate-Timestamp");
            String signature = exchange.getRequestHeaders().getFirst("X-Acmegate-Signature");
            if (signature != null && signature.equals("sha256=" + mac(timestamp + "." + new String(body,
                    StandardCharsets.UTF_8)))) {
                events.add(new ObjectMapper().readTree(body));
            } else {
                badSignatures.add(signature);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    private String mac(String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for a verified event that matches, or fails after the timeout naming what did arrive. */
    JsonNode await(Predicate<JsonNode> wanted, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode event : events) {
                if (wanted.test(event)) {
                    return event;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no matching webhook event within " + timeout + "; received " + events
                + ", bad signatures " + badSignatures);
    }

    List<String> badSignatures() {
        return badSignatures;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
