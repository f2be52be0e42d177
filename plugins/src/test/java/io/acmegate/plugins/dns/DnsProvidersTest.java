package io.acmegate.plugins.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DnsProvidersTest {

    @Test
    void findsTheBuiltInRfc2136FactoryWithServiceLoader() {
        DnsProviderFactory factory = DnsProviders.factory("rfc2136").orElseThrow();

        assertEquals("rfc2136", factory.type());
        assertTrue(DnsProviders.types().contains("rfc2136"), DnsProviders.types().toString());
        try (DnsProvider provider = factory.create("customer-dns", Map.of("server", "127.0.0.1", "zone", "example.test",
                "tsig-key-name", "acmegate", "tsig-secret", "c2VjcmV0c2VjcmV0"))) {
            assertEquals("customer-dns", provider.name());
            assertTrue(provider.covers("_acme-challenge.example.test"));
        }
    }

    @Test
    void unknownTypeIsEmpty() {
        assertTrue(DnsProviders.factory("route53-but-not-installed").isEmpty());
    }
}
