package io.acmegate.plugins.dns.rfc2136;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmegate.plugins.dns.DnsProvider;
import io.acmegate.plugins.dns.DnsProviderException;
import io.acmegate.plugins.dns.DnsProviders;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rfc2136 provider against a real Knot DNS from Debian: TSIG-signed updates over TCP, read back by asking Knot.
 * Needs {@code knotd} (scripts/install-test-deps.sh installs it); fails, not skips, without it.
 */
class Rfc2136KnotTest {

    private static final String ZONE = "example.test";
    private static final String CHALLENGE = "_acme-challenge.shop.example.test";
    private static final KnotDns.Key KEY = new KnotDns.Key("acmegate-test", "hmac-sha256", randomSecret());
    private static final KnotDns.Key KEY_512 = new KnotDns.Key("acmegate-test-512", "hmac-sha512", randomSecret());

    @TempDir
    static Path directory;
    private static KnotDns knot;

    @BeforeAll
    static void startKnot() throws IOException {
        knot = KnotDns.start(directory, ZONE, List.of(KEY, KEY_512));
    }

    @AfterAll
    static void stopKnot() {
        if (knot != null) {
            knot.close();
        }
    }

    private static String randomSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }

    private static Map<String, String> settings(KnotDns.Key key) {
        Map<String, String> settings = new HashMap<>();
        settings.put("server", "127.0.0.1:" + knot.port());
        settings.put("zone", ZONE);
        settings.put("tsig-key-name", key.id());
        settings.put("tsig-algorithm", key.algorithm());
        settings.put("tsig-secret", key.secret());
        settings.put("timeout", "5s");
        return settings;
    }

    private static DnsProvider provider(Map<String, String> settings) {
        return DnsProviders.factory("rfc2136").orElseThrow().create("customer-dns", settings);
    }

    @Test
    void publishesTwoValuesAndWithdrawsOneAtATime() throws Exception {
        DnsProvider provider = provider(settings(KEY));
        String name = "_acme-challenge.one." + ZONE;

        provider.publishTxt(name, "first-digest", Duration.ofSeconds(30));
        provider.publishTxt(name, "second-digest", Duration.ofSeconds(30));
        assertEquals(Map.of("first-digest", 30L, "second-digest", 30L), knot.txt(name), knot.describe());

        provider.withdrawTxt(name, "first-digest");
        assertEquals(Map.of("second-digest", 30L), knot.txt(name), knot.describe());

        provider.withdrawTxt(name, "second-digest");
        assertEquals(Map.of(), knot.txt(name), knot.describe());
    }

    @Test
    void changesAreIdempotentAndUseTheConfiguredTtl() throws Exception {
        Map<String, String> settings = settings(KEY);
        settings.put("ttl", "45");
        DnsProvider provider = provider(settings);

        provider.publishTxt(CHALLENGE, "same-digest", null);
        provider.publishTxt(CHALLENGE, "same-digest", null);
        assertEquals(Map.of("same-digest", 45L), knot.txt(CHALLENGE), knot.describe());

        provider.withdrawTxt(CHALLENGE, "never-published");
        provider.withdrawTxt(CHALLENGE, "same-digest");
        provider.withdrawTxt(CHALLENGE, "same-digest");
        assertEquals(Map.of(), knot.txt(CHALLENGE), knot.describe());
    }

    @Test
    void valuesAreLiteralText() throws Exception {
        DnsProvider provider = provider(settings(KEY));
        String name = "_acme-challenge.literal." + ZONE;
        String value = "back\\slash \\065 \"quoted\" ;semicolon";

        provider.publishTxt(name, value, null);
        assertEquals(Map.of(value, 60L), knot.txt(name), knot.describe());
        provider.withdrawTxt(name, value);
        assertEquals(Map.of(), knot.txt(name), knot.describe());
    }

    @Test
    void signsWithHmacSha512() throws Exception {
        DnsProvider provider = provider(settings(KEY_512));
        String name = "_acme-challenge.sha512." + ZONE;

        provider.publishTxt(name, "digest-512", Duration.ofSeconds(1));
        assertEquals(Map.of("digest-512", 1L), knot.txt(name), knot.describe());
        provider.withdrawTxt(name, "digest-512");
        assertEquals(Map.of(), knot.txt(name), knot.describe());
    }

    @Test
    void concurrentPublishesAllLand() throws Exception {
        DnsProvider provider = provider(settings(KEY));
        String name = "_acme-challenge.busy." + ZONE;
        Map<String, Long> expected = new HashMap<>();
        List<Future<?>> publishes = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 16; i++) {
                String value = "digest-" + i;
                expected.put(value, 60L);
                publishes.add(threads.submit(() -> {
                    provider.publishTxt(name, value, null);
                    return null;
                }));
            }
            for (Future<?> publish : publishes) {
                publish.get();
            }
        }
        assertEquals(expected, knot.txt(name), knot.describe());
    }

    @Test
    void wrongSecretIsPermanentAndNamesNoSecret() throws Exception {
        Map<String, String> settings = settings(KEY);
        String wrongSecret = randomSecret();
        settings.put("tsig-secret", wrongSecret);
        DnsProvider provider = provider(settings);
        String name = "_acme-challenge.wrong-secret." + ZONE;

        DnsProviderException e = assertThrows(DnsProviderException.class,
                () -> provider.publishTxt(name, "forged", null));

        assertFalse(e.retryable(), e.getMessage());
        assertTrue(e.getMessage().contains("NOTAUTH with TSIG error BADSIG"), e.getMessage());
        assertFalse(e.getMessage().contains(wrongSecret) || e.getMessage().contains(KEY.secret()), e.getMessage());
        assertEquals(Map.of(), knot.txt(name), knot.describe());
    }

    @Test
    void unknownKeyIsPermanent() throws Exception {
        Map<String, String> settings = settings(KEY);
        settings.put("tsig-key-name", "no-such-key");
        DnsProvider provider = provider(settings);

        DnsProviderException e = assertThrows(DnsProviderException.class,
                () -> provider.publishTxt(CHALLENGE, "forged", null));

        assertFalse(e.retryable(), e.getMessage());
        assertTrue(e.getMessage().contains("NOTAUTH with TSIG error BADKEY"), e.getMessage());
    }

    @Test
    void zoneTheServerDoesNotServeIsPermanent() {
        Map<String, String> settings = settings(KEY);
        settings.put("zone", "other.test");
        DnsProvider provider = provider(settings);

        DnsProviderException e = assertThrows(DnsProviderException.class,
                () -> provider.publishTxt("_acme-challenge.shop.other.test", "digest", null));

        assertFalse(e.retryable(), e.getMessage());
        assertTrue(e.getMessage().contains("the server answered NOTAUTH: it is not authoritative for zone other.test"),
                e.getMessage());
    }
}
