package io.acmegate.plugins.notify.webhook;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long to wait before the next attempt, and which answers are worth another attempt.
 *
 * <p>Waits double from the initial backoff and never exceed {@link WebhookSettings#MAX_BACKOFF}. A receiver that
 * answers 429 or 503 with {@code Retry-After} (RFC 9110 §10.2.3: seconds or an HTTP-date) is waited for instead, up to
 * the same cap.
 */
record RetryPolicy(Duration initialBackoff, Duration maxBackoff) {

    /** The wait after failed attempt number {@code attempt} (1 for the first): initial × 2^(attempt-1), capped. */
    Duration backoff(int attempt) {
        Duration wait = initialBackoff;
        for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    /** The wait after failed attempt {@code attempt} that got {@code response}, honouring its Retry-After. */
    Duration wait(int attempt, HttpResponse<?> response, Instant now) {
        if (response != null && (response.statusCode() == 429 || response.statusCode() == 503)) {
            Optional<Duration> asked = response.headers().firstValue("Retry-After")
                    .flatMap(value -> retryAfter(value, now));
            if (asked.isPresent()) {
                return asked.get().compareTo(maxBackoff) > 0 ? maxBackoff : asked.get();
            }
        }
        return backoff(attempt);
    }

    /**
     * Whether an attempt answered with {@code status} may pass if tried again: 408 (timeout), 429 (too many requests)
     * and 5xx may; any other 4xx says the request itself is refused and will be again (RFC 9110 §15.5).
     */
    static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /** A Retry-After value (RFC 9110 §10.2.3) as a wait from {@code now}; empty when unreadable. */
    static Optional<Duration> retryAfter(String value, Instant now) {
        String text = value.strip();
        if (text.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            Instant when = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, when);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }
}
