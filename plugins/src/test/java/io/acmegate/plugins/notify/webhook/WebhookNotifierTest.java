package io.acmegate.plugins.notify.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acmegate.plugins.notify.Notifier;
import io.acmegate.plugins.notify.NotifierException;
import io.acmegate.plugins.notify.StatusEvent;
import io.acmegate.plugins.notify.webhook.WebhookReceiver.Answer;
import io.acmegate.plugins.notify.webhook.WebhookReceiver.Received;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookNotifierTest {

    static final String SECRET = "correct-horse-battery-staple";
    static final String TOKEN_PATH = "/hooks/T0KEN-in-the-path";
    static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
    static final StatusEvent EVENT = new StatusEvent("evt-7f3a", StatusEvent.LINEAGE_FAILING,
            Instant.parse("2026-11-23T10:15:00.250Z"), "lin-42", "acct-9", List.of("shop.example.com",
            "*.shop.example.com"), "failing", "3 renewals failed: \"rateLimited\" from upstream");

    WebhookReceiver receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    Map<String, String> settings(URI url, String... more) {
        Map<String, String> settings = new HashMap<>(Map.of("url", url.toString(), "secret", SECRET,
                "initial-backoff", "10ms", "timeout", "5s"));
        for (int i = 0; i < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return settings;
    }

    /** A notifier whose retries run at once and whose clock stands still at {@link #NOW}. */
    static WebhookNotifier notifier(Map<String, String> settings, RetryTimer timer) {
        WebhookSettings parsed = WebhookSettings.parse("ops-hook", settings);
        return new WebhookNotifier("ops-hook", parsed, WebhookNotifier.httpClient(parsed), timer,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** A notifier as configuration creates it: real scheduler, real clock. */
    static Notifier configured(Map<String, String> settings) {
        return new WebhookNotifierFactory().create("ops-hook", settings);
    }

    static void await(CompletionStage<Void> stage) throws Exception {
        stage.toCompletableFuture().get(30, TimeUnit.SECONDS); // a bound for a hung test, not a timing assertion
    }

    static NotifierException failure(CompletionStage<Void> stage) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> stage.toCompletableFuture().get(30, TimeUnit.SECONDS));
        NotifierException failure = assertInstanceOf(NotifierException.class, e.getCause());
        assertFalse(failure.getMessage().contains("\n"), failure.getMessage());
        assertFalse(failure.getMessage().contains(SECRET), failure.getMessage());
        assertFalse(failure.getMessage().contains("T0KEN"), failure.getMessage());
        return failure;
    }

    /** Checks the signature as a receiver would, with code of its own: HMAC-SHA256(secret, timestamp "." body). */
    static void assertSignedWithSecret(Received request) throws Exception {
        String timestamp = request.header("X-Acmegate-Timestamp");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(request.body()));
        String given = request.header("X-Acmegate-Signature");
        assertTrue(MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII)), given + " != " + expected);
    }

    @Test
    void deliversTheEventAsSignedJson() throws Exception {
        RecordingTimer timer = new RecordingTimer();
        try (Notifier notifier = notifier(settings(receiver.url(TOKEN_PATH)), timer)) {
            await(notifier.send(EVENT));
        }

        Received request = receiver.received().getFirst();
        assertEquals(1, receiver.received().size());
        assertEquals("POST", request.method());
        assertEquals(TOKEN_PATH, request.path());
        assertEquals("application/json", request.header("Content-Type"));
        assertEquals("acmegate-webhook/1", request.header("User-Agent"));
        assertEquals("lineage-failing", request.header("X-Acmegate-Event"));
        assertEquals("evt-7f3a", request.header("X-Acmegate-Delivery"));
        assertEquals(Long.toString(NOW.getEpochSecond()), request.header("X-Acmegate-Timestamp"));
        assertTrue(request.header("X-Acmegate-Signature").matches("sha256=[0-9a-f]{64}"),
                request.header("X-Acmegate-Signature"));
        assertSignedWithSecret(request);

        JsonNode body = new ObjectMapper().readTree(request.body());
        assertEquals("evt-7f3a", body.get("id").asText());
        assertEquals("lineage-failing", body.get("kind").asText());
        assertEquals("2026-11-23T10:15:00.250Z", body.get("at").asText());
        assertEquals("lin-42", body.get("lineageId").asText());
        assertEquals("acct-9", body.get("clientId").asText());
        assertEquals(List.of("shop.example.com", "*.shop.example.com"),
                List.of(body.get("names").get(0).asText(), body.get("names").get(1).asText()));
        assertEquals(2, body.get("names").size());
        assertEquals("failing", body.get("state").asText());
        assertEquals("3 renewals failed: \"rateLimited\" from upstream", body.get("detail").asText());
        assertEquals(8, body.size());
        assertTrue(timer.waits().isEmpty());
    }

    @Test
    void absentValuesAreJsonNull() throws Exception {
        StatusEvent test = new StatusEvent("evt-test", StatusEvent.TEST, NOW, null, null, null, null, null);
        try (Notifier notifier = configured(settings(receiver.url("/")))) {
            await(notifier.send(test));
        }

        Received request = receiver.received().getFirst();
        JsonNode body = new ObjectMapper().readTree(request.body());
        assertTrue(body.get("lineageId").isNull());
        assertTrue(body.get("detail").isNull());
        assertEquals(0, body.get("names").size());
        assertEquals("test", request.header("X-Acmegate-Event"));
        assertSignedWithSecret(request); // the real clock's timestamp
    }

    @Test
    void retriesAfterTwo503sWithDoublingBackoff() throws Exception {
        receiver.answering(Answer.of(503), Answer.of(503));
        RecordingTimer timer = new RecordingTimer();
        try (Notifier notifier = notifier(settings(receiver.url("/")), timer)) {
            await(notifier.send(EVENT));
        }

        assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(20)), timer.waits());
        assertEquals(3, receiver.received().size());
        for (Received attempt : receiver.received()) {
            assertEquals("evt-7f3a", attempt.header("X-Acmegate-Delivery")); // the same id on every retry
            assertSignedWithSecret(attempt);
        }
    }

    @Test
    void retriesWithTheRealSchedulerToo() throws Exception {
        receiver.answering(Answer.of(503), Answer.of(408), Answer.of(500));
        try (Notifier notifier = configured(settings(receiver.url("/")))) {
            await(notifier.send(EVENT));
        }

        assertEquals(4, receiver.received().size());
    }

    @Test
    void honoursRetryAfterInSecondsAndAsADate() throws Exception {
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.ofInstant(NOW.plusSeconds(60), ZoneOffset.UTC));
        receiver.answering(new Answer(429, Map.of("Retry-After", "3")),
                new Answer(503, Map.of("Retry-After", inAMinute)),
                new Answer(503, Map.of("Retry-After", "86400")), // a day: capped
                new Answer(500, Map.of("Retry-After", "7"))); // not a 429 or 503: the backoff applies
        RecordingTimer timer = new RecordingTimer();
        try (Notifier notifier = notifier(settings(receiver.url("/"), "max-attempts", "5"), timer)) {
            await(notifier.send(EVENT));
        }

        assertEquals(List.of(Duration.ofSeconds(3), Duration.ofSeconds(60), Duration.ofMinutes(5),
                Duration.ofMillis(80)), timer.waits());
        assertEquals(5, receiver.received().size());
    }

    @Test
    void givesUpAtOnceOn400() throws Exception {
        receiver.answering(Answer.of(400));
        RecordingTimer timer = new RecordingTimer();
        NotifierException failure;
        try (Notifier notifier = notifier(settings(receiver.url(TOKEN_PATH)), timer)) {
            failure = failure(notifier.send(EVENT));
        }

        assertEquals(1, receiver.received().size());
        assertTrue(timer.waits().isEmpty());
        assertEquals("notifier 'ops-hook' (webhook): event evt-7f3a (lineage-failing) not delivered after 1 attempt: "
                + receiver.url("").toString().replaceAll("/$", "") + " answered 400, which a retry would not change",
                failure.getMessage());
    }

    @Test
    void givesUpAfterMaxAttempts() throws Exception {
        receiver.answering(Answer.of(500), Answer.of(502), Answer.of(503), Answer.of(504));
        NotifierException failure;
        try (Notifier notifier = configured(settings(receiver.url(TOKEN_PATH), "max-attempts", "3"))) {
            failure = failure(notifier.send(EVENT));
        }

        assertEquals(3, receiver.received().size());
        assertTrue(failure.getMessage().endsWith("not delivered after 3 attempts: "
                + receiver.url("").toString().replaceAll("/$", "") + " answered 503"), failure.getMessage());
    }

    @Test
    void retriesARefusedConnection() throws Exception {
        int port = freePort();
        WebhookReceiver[] late = new WebhookReceiver[1];
        RecordingTimer timer = new RecordingTimer(retry -> {
            if (retry == 2) { // the first two attempts find nobody listening
                try {
                    late[0] = WebhookReceiver.start(port);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        try (Notifier notifier = notifier(settings(URI.create("http://127.0.0.1:" + port + "/")), timer)) {
            await(notifier.send(EVENT));
        } finally {
            if (late[0] != null) {
                late[0].close();
            }
        }

        assertEquals(2, timer.waits().size());
        assertEquals(1, late[0].received().size());
        assertSignedWithSecret(late[0].received().getFirst());
    }

    @Test
    void aRefusedConnectionFailsAfterMaxAttempts() throws Exception {
        int port = freePort();
        NotifierException failure;
        try (Notifier notifier = configured(settings(URI.create("http://127.0.0.1:" + port + TOKEN_PATH),
                "max-attempts", "2"))) {
            failure = failure(notifier.send(EVENT));
        }

        assertTrue(failure.getMessage().endsWith("not delivered after 2 attempts: connecting to http://127.0.0.1:"
                + port + " failed (ConnectException)"), failure.getMessage());
    }

    @Test
    void closingFailsDeliveriesStillWaitingToRetry() throws Exception {
        receiver.answering(Answer.of(503));
        CountDownLatch retryAsked = new CountDownLatch(1);
        RetryTimer never = new RetryTimer() {
            @Override
            public void schedule(Runnable task, Duration delay) {
                retryAsked.countDown(); // and never runs it
            }

            @Override
            public void close() {
            }
        };
        Notifier notifier = notifier(settings(receiver.url("/")), never);
        CompletionStage<Void> stage = notifier.send(EVENT);
        assertTrue(retryAsked.await(30, TimeUnit.SECONDS));
        assertFalse(stage.toCompletableFuture().isDone());

        notifier.close();

        assertTrue(failure(stage).getMessage().endsWith("after 1 attempt: the notifier was closed before delivery"),
                failure(stage).getMessage());
        assertTrue(failure(notifier.send(EVENT)).getMessage().endsWith("the notifier is closed"));
    }

    /** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
