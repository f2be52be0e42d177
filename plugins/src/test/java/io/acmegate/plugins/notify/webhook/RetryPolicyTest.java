package io.acmegate.plugins.notify.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");

    @Test
    void backoffDoublesUpToTheCap() {
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5));

        assertEquals(Duration.ofSeconds(1), policy.backoff(1));
        assertEquals(Duration.ofSeconds(2), policy.backoff(2));
        assertEquals(Duration.ofSeconds(256), policy.backoff(9));
        assertEquals(Duration.ofMinutes(5), policy.backoff(10));
        assertEquals(Duration.ofMinutes(5), policy.backoff(100)); // no overflow
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void retryable(int status) {
        assertTrue(RetryPolicy.retryable(status));
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 400, 401, 403, 404, 410, 413, 422})
    void permanent(int status) {
        assertFalse(RetryPolicy.retryable(status));
    }

    @Test
    void retryAfterForms() {
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetryPolicy.retryAfter(" 120 ", NOW));
        assertEquals(Optional.of(Duration.ofSeconds(30)),
                RetryPolicy.retryAfter("Mon, 23 Nov 2026 10:16:00 GMT", NOW));
        assertEquals(Optional.of(Duration.ZERO), RetryPolicy.retryAfter("Mon, 23 Nov 2026 10:00:00 GMT", NOW));
        assertEquals(Optional.empty(), RetryPolicy.retryAfter("soon", NOW));
        assertEquals(Optional.empty(), RetryPolicy.retryAfter("-5", NOW));
    }
}
