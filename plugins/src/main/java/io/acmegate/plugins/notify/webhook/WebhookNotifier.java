package io.acmegate.plugins.notify.webhook;

import io.acmegate.plugins.notify.Notifier;
import io.acmegate.plugins.notify.NotifierException;
import io.acmegate.plugins.notify.StatusEvent;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * Delivers each event as a signed JSON POST (see {@link WebhookNotifierFactory} for the wire format), retrying with
 * exponential backoff. A 2xx answer delivers; 408, 429, 5xx, a timeout or a failed connection is retried until
 * {@code max-attempts}; any other answer gives up at once.
 */
final class WebhookNotifier implements Notifier {

    private static final System.Logger LOG = System.getLogger(WebhookNotifier.class.getName());

    private final String name;
    private final WebhookSettings settings;
    private final byte[] secret;
    private final HttpClient client;
    private final RetryTimer timer;
    private final Clock clock;
    private final RetryPolicy policy;
    private final String receiver;
    private final Set<Delivery> underWay = ConcurrentHashMap.newKeySet();
    /** Requests in flight at once: a sweep with thousands of events must not open thousands of connections. */
    static final int MAX_IN_FLIGHT = 8;
    private final java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(MAX_IN_FLIGHT);
    private volatile boolean closed;

    /** Takes ownership of {@code client} and {@code timer}: {@link #close()} shuts both down. */
    WebhookNotifier(String name, WebhookSettings settings, HttpClient client, RetryTimer timer, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.settings = settings;
        this.secret = settings.secret();
        this.client = client;
        this.timer = timer;
        this.clock = clock;
        this.policy = new RetryPolicy(settings.initialBackoff(), WebhookSettings.MAX_BACKOFF);
        // Failure messages name the receiver by host and port only: a webhook URL's path or query is often a token.
        this.receiver = settings.url().getScheme() + "://" + settings.url().getRawAuthority();
    }

    static WebhookNotifier create(String name, WebhookSettings settings) {
        return new WebhookNotifier(name, settings, httpClient(settings), RetryTimer.ofThread(name), Clock.systemUTC());
    }

    static HttpClient httpClient(WebhookSettings settings) {
        return HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER) // a signed delivery goes where it was configured to
                .version(HttpClient.Version.HTTP_1_1) // one small POST per event: nothing for HTTP/2 to win
                .build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletionStage<Void> send(StatusEvent event) {
        Delivery delivery = new Delivery(event, WebhookMessage.body(event));
        if (closed) {
            delivery.fail("the notifier is closed", null);
        } else {
            underWay.add(delivery);
            delivery.attempt();
        }
        return delivery.done.copy(); // the caller cannot complete ours
    }

    @Override
    public void close() {
        closed = true;
        timer.close();
        for (Delivery delivery : underWay) {
            delivery.fail("the notifier was closed before delivery", null);
        }
        client.shutdownNow();
    }

    /** One event on its way, across its attempts. */
    private final class Delivery {

        final StatusEvent event;
        final byte[] body;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        volatile int attempts; // written by one attempt at a time: the next starts after the previous one's outcome

        Delivery(StatusEvent event, byte[] body) {
            this.event = event;
            this.body = body;
            done.whenComplete((ignored, error) -> underWay.remove(this));
        }

        void attempt() {
            if (closed) {
                fail("the notifier was closed before delivery", null);
                return;
            }
            attempts++;
            // A virtual thread per attempt waits its turn for a permit, so the caller never blocks.
            Thread.ofVirtual().name("webhook-" + name).start(() -> {
                HttpResponse<Void> response = null;
                Throwable error = null;
                try {
                    inFlight.acquire();
                    try {
                        response = client.send(request(), HttpResponse.BodyHandlers.discarding());
                    } finally {
                        inFlight.release();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    error = e;
                } catch (java.io.IOException | RuntimeException e) { // RuntimeException: e.g. the client shut down
                    error = e;
                }
                outcome(response, error);
            });
        }

        HttpRequest request() {
            Instant now = clock.instant();
            return HttpRequest.newBuilder(settings.url())
                    .timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "acmegate-webhook/1")
                    .header("X-Acmegate-Event", event.kind())
                    .header("X-Acmegate-Delivery", event.id())
                    // Signed afresh for each attempt, so that a retry is not refused as a replay.
                    .header("X-Acmegate-Timestamp", Long.toString(now.getEpochSecond()))
                    .header("X-Acmegate-Signature", WebhookMessage.signature(secret, now, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
        }

        void outcome(HttpResponse<Void> response, Throwable error) {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                // The exception's own message may quote the URL: only its type is named.
                retryOrFail("connecting to " + receiver + " failed (" + cause.getClass().getSimpleName() + ")",
                        null, cause);
                return;
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                done.complete(null);
            } else if (RetryPolicy.retryable(status)) {
                retryOrFail(receiver + " answered " + status, response, null);
            } else {
                fail(receiver + " answered " + status + ", which a retry would not change", null);
            }
        }

        void retryOrFail(String failure, HttpResponse<Void> response, Throwable cause) {
            if (attempts >= settings.maxAttempts() || closed) {
                fail(failure, cause);
                return;
            }
            Duration wait = policy.wait(attempts, response, clock.instant());
            LOG.log(System.Logger.Level.DEBUG, () -> prefix() + " attempt " + attempts + " of "
                    + settings.maxAttempts() + ": " + failure + "; next in " + wait);
            try {
                timer.schedule(this::attempt, wait);
            } catch (RejectedExecutionException e) { // closed meanwhile
                fail(failure, cause);
            }
        }

        void fail(String failure, Throwable cause) {
            done.completeExceptionally(new NotifierException(prefix() + " not delivered after " + attempts
                    + (attempts == 1 ? " attempt: " : " attempts: ") + failure, cause));
        }

        private String prefix() {
            return "notifier '" + name + "' (" + WebhookNotifierFactory.TYPE + "): event " + event.id() + " ("
                    + event.kind() + ")";
        }
    }
}
