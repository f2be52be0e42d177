package io.acmegate.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpstreamsConfigTest {
    @TempDir
    Path dir;

    private UpstreamsConfig read(String yaml) throws Exception {
        Path file = dir.resolve("acmegate.yaml");
        Files.writeString(file, yaml);
        return UpstreamsConfig.read(file);
    }

    private String refused(String yaml) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, yaml);
        return assertThrows(IllegalArgumentException.class, () -> UpstreamsConfig.read(file)).getMessage();
    }

    @Test
    void aFullConfiguration() throws Exception {
        UpstreamsConfig config = read("""
                upstreams:
                  - name: ca-a
                    directory: https://ca-a.example/dir
                    contact: [mailto:ops@example.com]
                    challenges: [dns-01]
                    eab-kid: kid1
                    eab-hmac: c2VjcmV0
                    timeout: PT2M
                    wildcards: false
                    max-names: 10
                  - name: local
                    type: local
                routing:
                  default: [ca-a, local]
                  rules:
                    - names: ["*.internal.example"]
                      upstreams: [local]
                fallback:
                  failures-before-cooldown: 2
                  cooldown: PT30S
                dns-providers:
                  - name: corp
                    type: rfc2136
                    settings: {server: 127.0.0.1, zone: corp.example}
                """);
        assertEquals(1, config.acme().size());
        assertEquals(List.of("dns-01"), config.acme().get(0).challenges());
        assertEquals(Duration.ofMinutes(2), config.acme().get(0).timeout());
        assertTrue(config.local());
        assertEquals(List.of("ca-a", "local"), config.defaultRoute());
        assertEquals(List.of("local"), config.rules().get(0).upstreams());
        assertEquals(2, config.failuresBeforeCooldown());
        assertEquals("corp.example", config.dnsProviders().get(0).settings().get("zone"));
        assertEquals(new UpstreamsConfig.Capabilities(false, 10), config.capabilitiesOf("ca-a"));
        assertEquals(UpstreamsConfig.Capabilities.DEFAULT, config.capabilitiesOf("local"));
    }

    @Test
    void theDefaultRouteIsTheListedOrder() throws Exception {
        UpstreamsConfig config = read("upstreams:\n  - {name: b, directory: 'https://b/dir'}\n"
                + "  - {name: a, directory: 'https://a/dir'}\n");
        assertEquals(List.of("b", "a"), config.defaultRoute());
        assertEquals(List.of("dns-01", "http-01"), config.acme().get(0).challenges());
    }

    @Test
    void mistakesNameTheKey() throws Exception {
        assertTrue(refused("upstreams: []\n").contains("'upstreams'"));
        assertTrue(refused("upstreams:\n  - {name: a}\n").contains("upstreams[0].directory"));
        assertTrue(refused("upstreams:\n  - {name: a, directory: 'https://a/dir'}\nrouting: {default: [b]}\n")
                .contains("routing.default"));
        assertTrue(refused("upstreams:\n  - {name: a, directory: 'https://a/dir', challenges: [tls-alpn-01]}\n")
                .contains("challenges"));
        assertTrue(refused("upstreams:\n  - {name: a, directory: 'https://a/dir', timeout: 5m}\n")
                .contains("upstreams[0].timeout"));
        assertTrue(refused("upstreams:\n  - {name: a, directory: 'https://a/dir'}\n"
                + "  - {name: a, directory: 'https://b/dir'}\n").contains("used twice"));
    }
}
