package io.acmegate.plugins.notify.webhook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookSettingsTest {

    static final String SECRET = "s3cret-s3cret-s3cret";

    static Map<String, String> minimal() {
        Map<String, String> settings = new HashMap<>();
        settings.put("url", "https://hooks.example.test/acme/T0KEN");
        settings.put("secret", SECRET);
        return settings;
    }

    static Map<String, String> with(String key, String value) {
        Map<String, String> settings = minimal();
        settings.put(key, value);
        return settings;
    }

    static Map<String, String> without(String key) {
        Map<String, String> settings = minimal();
        settings.remove(key);
        return settings;
    }

    /** The one-line message of the IllegalArgumentException these settings cause; it never quotes a secret. */
    static String rejection(Map<String, String> settings) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WebhookSettings.parse("ops-hook", settings));
        String message = e.getMessage();
        assertFalse(message.contains("\n"), message);
        assertTrue(message.startsWith("notifier 'ops-hook' (webhook): setting '"), message);
        String secret = settings.get("secret");
        if (secret != null && !secret.isBlank()) {
            assertFalse(message.contains(secret.strip()), message);
        }
        assertFalse(message.contains("T0KEN"), message);
        return message;
    }

    @Test
    void defaults() {
        WebhookSettings settings = WebhookSettings.parse("ops-hook", minimal());

        assertEquals(URI.create("https://hooks.example.test/acme/T0KEN"), settings.url());
        assertArrayEquals(SECRET.getBytes(StandardCharsets.UTF_8), settings.secret());
        assertEquals(5, settings.maxAttempts());
        assertEquals(Duration.ofSeconds(1), settings.initialBackoff());
        assertEquals(Duration.ofSeconds(10), settings.timeout());
        assertFalse(settings.toString().contains(SECRET), settings.toString());
        assertFalse(settings.toString().contains("T0KEN"), settings.toString());
    }

    @Test
    void everySettingGiven() {
        Map<String, String> given = minimal();
        given.put("url", "http://127.0.0.1:8080/hook");
        given.put("max-attempts", "2");
        given.put("initial-backoff", "PT2S");
        given.put("timeout", "1500ms");

        WebhookSettings settings = WebhookSettings.parse("ops-hook", given);

        assertEquals(URI.create("http://127.0.0.1:8080/hook"), settings.url());
        assertEquals(2, settings.maxAttempts());
        assertEquals(Duration.ofSeconds(2), settings.initialBackoff());
        assertEquals(Duration.ofMillis(1500), settings.timeout());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"2s|PT2S", "10ms|PT0.01S", "1m|PT1M", "PT0.5S|PT0.5S", "pt3s|PT3S"})
    void durationForms(String text, String expected) {
        assertEquals(Duration.parse(expected), WebhookSettings.parse("x", with("initial-backoff", text))
                .initialBackoff());
    }

    @ParameterizedTest
    @CsvSource({"url", "secret"})
    void requiredSettings(String key) {
        assertEquals("notifier 'ops-hook' (webhook): setting '" + key + "' is required", rejection(without(key)));
        assertEquals("notifier 'ops-hook' (webhook): setting '" + key + "' is required", rejection(with(key, " ")));
    }

    @Test
    void badSchemeIsNamedButTheUrlIsNotQuoted() {
        assertEquals("notifier 'ops-hook' (webhook): setting 'url' must be an http or https URL, not scheme 'ftp'",
                rejection(with("url", "ftp://hooks.example.test/T0KEN")));
        assertEquals("notifier 'ops-hook' (webhook): setting 'url' must be an http or https URL, not a relative one",
                rejection(with("url", "/hooks/T0KEN")));
    }

    @ParameterizedTest
    @CsvSource({"https://user:T0KEN@hooks.example.test/", "https:///T0KEN", "https://hooks.example.test/#T0KEN",
            "'https://hooks example/T0KEN'"})
    void malformedUrls(String url) {
        assertTrue(rejection(with("url", url)).contains("setting 'url' "));
    }

    @Test
    void shortSecretIsRefusedWithoutQuotingIt() {
        assertEquals("notifier 'ops-hook' (webhook): setting 'secret' must be at least 16 characters long",
                rejection(with("secret", "tooShortSecret1")));
    }

    @ParameterizedTest
    @CsvSource({"initial-backoff", "timeout"})
    void badDurations(String key) {
        for (String bad : new String[] {"0s", "ten", "-1s", "PT-1S", "10h", "1.5s", "PT0S"}) {
            assertTrue(rejection(with(key, bad)).contains("setting '" + key + "' must be a positive duration"), bad);
        }
        assertTrue(rejection(with(key, "P1D")).contains("setting '" + key + "' must be at most"));
    }

    @ParameterizedTest
    @CsvSource({"0", "-1", "101", "five", "2.5"})
    void badMaxAttempts(String attempts) {
        assertTrue(rejection(with("max-attempts", attempts))
                .contains("setting 'max-attempts' must be a whole number from 1 to 100"));
    }

    @Test
    void unknownSettingIsNamed() {
        String message = rejection(with("secrett", "x"));

        assertEquals("notifier 'ops-hook' (webhook): setting 'secrett' is not a setting of this notifier type; "
                + "known settings: initial-backoff, max-attempts, secret, timeout, url", message);
    }
}
