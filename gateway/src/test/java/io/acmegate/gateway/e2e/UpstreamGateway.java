package io.acmegate.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the upstream end-to-end tests share: the gateway's YAML configuration naming Pebbles as upstream CA
 * accounts, the secret key that seals their account keys, CNAME delegation of a name through the gateway's CLI
 * into the owner's Knot, and the checks that a certificate came from one particular Pebble.
 */
final class UpstreamGateway {

    static final String DELEGATION_ZONE = "acme.gateway.test";
    private static final Pattern RECORD_LINE =
            Pattern.compile("(?m)^record: _acme-challenge\\.(\\S+)\\. CNAME (\\S+)\\.$");

    private UpstreamGateway() {
    }

    /**
     * One upstream ACME account at an ACME server: its directory URL and the CA of the server's TLS certificate
     * (PEM), as the upstream's {@code trust:}.
     */
    record Upstream(String name, URI directory, Path trust, List<String> challenges) {

        /** An account at this Pebble. */
        Upstream(String name, Pebble.Setup pebble, List<String> challenges) {
            this(name, pebble.directory(), pebble.tlsCa(), challenges);
        }
    }

    /**
     * Writes the upstreams configuration ({@code upstreams:}, {@code routing: default:} in the order given,
     * {@code fallback:}) to {@code file}; the YAML format is UpstreamsConfig's.
     */
    static Path writeConfig(Path file, List<Upstream> upstreams, int failuresBeforeCooldown, Duration cooldown) {
        StringBuilder yaml = new StringBuilder("upstreams:\n");
        for (Upstream upstream : upstreams) {
            yaml.append("  - name: ").append(upstream.name()).append('\n')
                    .append("    directory: ").append(upstream.directory()).append('\n')
                    .append("    trust: ").append(upstream.trust().toAbsolutePath()).append('\n')
                    .append("    challenges: [").append(String.join(", ", upstream.challenges())).append("]\n")
                    // a CA that is down must not hold an order for the default five minutes
                    .append("    timeout: PT30S\n");
        }
        yaml.append("routing:\n  default: [")
                .append(String.join(", ", upstreams.stream().map(Upstream::name).toList())).append("]\n")
                .append("fallback:\n  failures-before-cooldown: ").append(failuresBeforeCooldown).append('\n')
                .append("  cooldown: ").append(cooldown).append('\n');
        try {
            return Files.writeString(file, yaml.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment that hands the gateway a fresh secret key (base64 of 32 random bytes) from outside its data directory. */
    static Map<String, String> secretKeyEnvironment() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("ACMEGATE_SECRET_KEY", Base64.getEncoder().encodeToString(key));
        return environment;
    }

    /** Starts the gateway with this upstreams configuration and delegation zone {@value #DELEGATION_ZONE}. */
    static GatewayProcess start(String name, Path config) {
        return GatewayProcess.start(name, secretKeyEnvironment(), "--dns-zone", DELEGATION_ZONE,
                "--config", config.toString());
    }

    /**
     * {@code acmegate delegation add DOMAIN}, then the printed {@code _acme-challenge} CNAME into the owner's zone,
     * as a domain owner does once.
     *
     * @return the CNAME target, the name in the delegation zone where the gateway publishes TXT values for the domain
     */
    static String delegate(GatewayProcess gateway, DelegatedDns dns, String domain) {
        ToolRun added = gateway.cli("delegation", "add", domain).assertSucceeded();
        Matcher record = RECORD_LINE.matcher(added.output());
        assertTrue(record.find(), added.describe("printed no 'record: _acme-challenge.DOMAIN. CNAME TARGET.' line"));
        assertEquals(domain, record.group(1), added.describe("the record's owner"));
        dns.delegate(domain, record.group(2));
        return record.group(2);
    }

    /**
     * Asserts that certbot's lineage holds a certificate for exactly {@code names} issued by this Pebble: the
     * leaf's issuer is Pebble's current intermediate and openssl verifies cert.pem with chain.pem up to the
     * Pebble root in {@code root}.
     *
     * @return the leaf
     */
    static X509Certificate assertIssuedBy(Pebble pebble, Path root, Path live, Set<String> names, String context) {
        List<X509Certificate> fullChain = Certificates.readPem(live.resolve("fullchain.pem"));
        X509Certificate leaf = fullChain.get(0);
        assertEquals(names, Certificates.dnsNames(leaf), context + ": the leaf's DNS names");
        assertEquals(pebble.issuingIntermediate().getSubjectX500Principal(), leaf.getIssuerX500Principal(),
                context + ": the leaf must be signed by this Pebble's intermediate");
        Certificates.assertOpensslVerifies(root, live.resolve("chain.pem"), live.resolve("cert.pem"));
        return leaf;
    }

    /** Whether openssl verifies the lineage's leaf with its chain up to {@code root} (exit code 0). */
    static boolean opensslVerifies(Path root, Path live) {
        return Tool.command("openssl", "verify", "-CAfile", root.toString(), "-untrusted",
                live.resolve("chain.pem").toString(), live.resolve("cert.pem").toString())
                .timeout(Duration.ofSeconds(30)).run().exitCode() == 0;
    }
}
