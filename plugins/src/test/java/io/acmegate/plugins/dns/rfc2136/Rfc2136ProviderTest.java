package io.acmegate.plugins.dns.rfc2136;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmegate.plugins.dns.DnsProvider;
import io.acmegate.plugins.dns.DnsProviderException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Rcode;

class Rfc2136ProviderTest {

    private static DnsProvider provider(Map<String, String> settings) {
        return new Rfc2136ProviderFactory().create("customer-dns", settings);
    }

    private static DnsProvider providerFor(int port) {
        Map<String, String> settings = Rfc2136SettingsTest.minimal();
        settings.put("server", "127.0.0.1:" + port);
        settings.put("timeout", "700ms");
        return provider(settings);
    }

    @ParameterizedTest
    @CsvSource({
            "example.test,true",
            "_acme-challenge.example.test,true",
            "_acme-challenge.shop.example.test,true",
            "EXAMPLE.test.,true",
            "test,false",
            "badexample.test,false",
            "example.test.evil,false",
            "example.testing,false",
            "other.test,false"})
    void coversTheZoneAndNamesBelowIt(String fqdn, boolean covered) {
        assertEquals(covered, provider(Rfc2136SettingsTest.minimal()).covers(fqdn));
    }

    @Test
    void toStringNamesTheProviderButNotTheSecret() {
        String description = provider(Rfc2136SettingsTest.minimal()).toString();

        assertEquals("DNS provider 'customer-dns' (rfc2136, ns1.example.test:53, zone example.test, key acmegate-key.)",
                description);
        assertFalse(description.contains(Rfc2136SettingsTest.SECRET));
    }

    @Test
    void nameOutsideTheZoneIsRefusedWithoutAsking() throws IOException {
        try (FakeDnsServer server = new FakeDnsServer(Rcode.NOERROR)) {
            DnsProviderException e = assertThrows(DnsProviderException.class,
                    () -> providerFor(server.port()).publishTxt("_acme-challenge.other.test", "v", null));

            assertFalse(e.retryable());
            assertTrue(e.getMessage().endsWith("_acme-challenge.other.test is not in zone example.test"),
                    e.getMessage());
        }
    }

    @ParameterizedTest
    @CsvSource({"256", "-1"})
    void valueThatIsNotOneShortAsciiStringIsAProgrammingError(int length) {
        DnsProvider provider = provider(Rfc2136SettingsTest.minimal());
        String value = length < 0 ? "caf\u00e9" : "x".repeat(length);

        assertThrows(IllegalArgumentException.class,
                () -> provider.publishTxt("_acme-challenge.example.test", value, null));
    }

    @Test
    void invalidNameIsAProgrammingError() {
        DnsProvider provider = provider(Rfc2136SettingsTest.minimal());

        assertThrows(IllegalArgumentException.class,
                () -> provider.publishTxt("a..example.test", "v", null));
        assertThrows(IllegalArgumentException.class,
                () -> provider.withdrawTxt("x".repeat(64) + ".example.test", "v"));
    }

    @Test
    void refusedConnectionIsRetryable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            closedPort = socket.getLocalPort();
        }

        DnsProviderException e = assertThrows(DnsProviderException.class,
                () -> providerFor(closedPort).publishTxt("_acme-challenge.example.test", "v", null));

        assertTrue(e.retryable(), e.getMessage());
        assertTrue(e.getMessage().startsWith("DNS provider 'customer-dns' (rfc2136, 127.0.0.1:" + closedPort
                + ", zone example.test, key acmegate-key.): cannot publish TXT at _acme-challenge.example.test: "),
                e.getMessage());
    }

    @Test
    void silentServerTimesOutRetryable() throws IOException {
        try (FakeDnsServer server = new FakeDnsServer(FakeDnsServer.SILENT)) {
            long start = System.nanoTime();
            DnsProviderException e = assertThrows(DnsProviderException.class,
                    () -> providerFor(server.port()).withdrawTxt("_acme-challenge.example.test", "v"));

            assertTrue(e.retryable(), e.getMessage());
            assertTrue(e.getMessage().contains("cannot withdraw TXT at _acme-challenge.example.test"), e.getMessage());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0,
                    "the 700ms timeout was not applied");
        }
    }

    @ParameterizedTest
    @CsvSource({
            "SERVFAIL,true",
            "REFUSED,false",
            "NOTAUTH,false",
            "NOTZONE,false",
            "FORMERR,false",
            "NOTIMP,false"})
    void rcodes(String rcode, boolean retryable) throws IOException {
        try (FakeDnsServer server = new FakeDnsServer(Rcode.value(rcode))) {
            DnsProviderException e = assertThrows(DnsProviderException.class,
                    () -> providerFor(server.port()).publishTxt("_acme-challenge.example.test", "v", null));

            assertEquals(retryable, e.retryable(), e.getMessage());
            assertTrue(e.getMessage().contains("the server answered " + rcode), e.getMessage());
            assertFalse(e.getMessage().contains(Rfc2136SettingsTest.SECRET));
        }
    }

    @Test
    void unsignedSuccessIsNotTrusted() throws IOException {
        try (FakeDnsServer server = new FakeDnsServer(Rcode.NOERROR)) {
            DnsProviderException e = assertThrows(DnsProviderException.class,
                    () -> providerFor(server.port()).publishTxt("_acme-challenge.example.test", "v", null));

            assertFalse(e.retryable());
            assertTrue(e.getMessage().contains("NOERROR answer is not signed with key acmegate-key."), e.getMessage());
        }
    }
}
