package io.acmegate.plugins.dns.rfc2136;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Name;

class Rfc2136SettingsTest {

    static final String SECRET = "bm90LXJlYWxseS1hLXNlY3JldC1idXQtbG9uZy1lbm91Z2g=";

    static Map<String, String> minimal() {
        Map<String, String> settings = new HashMap<>();
        settings.put("server", "ns1.example.test");
        settings.put("zone", "example.test");
        settings.put("tsig-key-name", "acmegate-key");
        settings.put("tsig-secret", SECRET);
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

    /** The one-line message of the IllegalArgumentException that these settings cause. */
    static String rejection(Map<String, String> settings) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Rfc2136Settings.parse("customer-dns", settings));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().startsWith("DNS provider 'customer-dns' (rfc2136): setting '"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void defaults() throws Exception {
        Rfc2136Settings settings = Rfc2136Settings.parse("customer-dns", minimal());

        assertEquals("ns1.example.test", settings.host());
        assertEquals(53, settings.port());
        assertEquals("example.test", settings.zone());
        assertEquals(Duration.ofSeconds(60), settings.ttl());
        assertEquals(Duration.ofSeconds(10), settings.timeout());
        assertEquals(new TsigKey(Name.fromString("acmegate-key."), Name.fromString("hmac-sha256."),
                java.util.Base64.getDecoder().decode(SECRET)), settings.key());
    }

    @Test
    void everySettingGiven() {
        Map<String, String> given = minimal();
        given.put("server", "192.0.2.1:5353");
        given.put("zone", "Example.TEST.");
        given.put("tsig-algorithm", "HMAC-SHA512");
        given.put("ttl", "5");
        given.put("timeout", "1500ms");

        Rfc2136Settings settings = Rfc2136Settings.parse("customer-dns", given);

        assertEquals("192.0.2.1", settings.host());
        assertEquals(5353, settings.port());
        assertEquals("example.test", settings.zone());
        assertEquals(Duration.ofSeconds(5), settings.ttl());
        assertEquals(Duration.ofMillis(1500), settings.timeout());
        assertTrue(settings.key().toString().contains("hmac-sha512"), settings.key().toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ns1.example.test|ns1.example.test|53",
            "ns1.example.test:5300|ns1.example.test|5300",
            "[2001:db8::1]:5300|2001:db8::1|5300",
            "[2001:db8::1]|2001:db8::1|53",
            "2001:db8::1|2001:db8::1|53"})
    void serverForms(String server, String host, int port) {
        Rfc2136Settings settings = Rfc2136Settings.parse("customer-dns", with("server", server));

        assertEquals(host, settings.host());
        assertEquals(port, settings.port());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"ns1:0", "ns1:65536", "ns1:dns", ":53", "[2001:db8::1", "[::1]x53", "a b"})
    void badServers(String server) {
        assertTrue(rejection(with("server", server)).contains("setting 'server'"));
    }

    @ParameterizedTest
    @CsvSource({"server", "zone", "tsig-key-name", "tsig-secret"})
    void requiredSettings(String key) {
        assertEquals("DNS provider 'customer-dns' (rfc2136): setting '" + key + "' is required",
                rejection(without(key)));
        assertEquals("DNS provider 'customer-dns' (rfc2136): setting '" + key + "' is required",
                rejection(with(key, "  ")));
    }

    @Test
    void unknownSettingIsNamed() {
        String message = rejection(with("tsig-secrett", "x"));

        assertTrue(message.contains("setting 'tsig-secrett' is not a setting"), message);
        assertTrue(message.contains("known settings: server, timeout, tsig-algorithm"), message);
    }

    @ParameterizedTest
    @CsvSource({"hmac-md5", "hmac-sha1", "hmac-sha224", "sha256"})
    void weakOrUnknownAlgorithms(String algorithm) {
        assertTrue(rejection(with("tsig-algorithm", algorithm))
                .contains("setting 'tsig-algorithm' must be one of hmac-sha256, hmac-sha384, hmac-sha512"));
    }

    @Test
    void badSecretIsNotQuoted() {
        String secret = "this is not base64!";

        String message = rejection(with("tsig-secret", secret));

        assertEquals("DNS provider 'customer-dns' (rfc2136): setting 'tsig-secret' is not valid base64", message);
    }

    @ParameterizedTest
    @CsvSource({"-1", "sixty", "4294967296", "1.5"})
    void badTtl(String ttl) {
        assertTrue(rejection(with("ttl", ttl)).contains("setting 'ttl' must be a number of seconds"));
    }

    @ParameterizedTest
    @CsvSource({"0", "0s", "ten", "10h", "-1s", "PT10S"})
    void badTimeout(String timeout) {
        assertTrue(rejection(with("timeout", timeout)).contains("setting 'timeout' must be a positive duration"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"30|PT30S", "30s|PT30S", "250ms|PT0.25S", "2m|PT2M"})
    void timeoutForms(String timeout, String expected) {
        assertEquals(Duration.parse(expected), Rfc2136Settings.parse("x", with("timeout", timeout)).timeout());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"zone|.", "zone|a..example.test", "tsig-key-name|bad..key"})
    void badNames(String key, String value) {
        assertTrue(rejection(with(key, value)).contains("setting '" + key + "'"));
    }

    @Test
    void controlCharactersInAValueStayOnOneLine() {
        String message = rejection(with("ttl", "60\nsecret=1"));

        assertTrue(message.contains("\\u000a"), message);
    }
}
