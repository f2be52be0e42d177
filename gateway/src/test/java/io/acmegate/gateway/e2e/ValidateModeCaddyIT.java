package io.acmegate.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * Caddy (Debian's 2.6.2) in validate mode: a site whose certificate Caddy obtains from acmegate by answering
 * http-01 or tls-alpn-01 itself on the ports acmegate validates on, serves HTTPS with it, and renews it.
 *
 * <p>Caddy 2.6 cannot ask for a profile, so this gateway's default profile is {@code shortlived} (2 minutes), and
 * Caddy's renewal window ratio is raised to 0.95 in its JSON configuration (the Caddyfile of 2.6 has no option for
 * it), with maintenance every 2 s: Caddy renews by itself a few seconds after each issuance. Caddy has no revoke
 * command: its certificate is revoked with acme4j, signed by the certificate's own key from Caddy's storage
 * (RFC 8555 §7.6, jwk).
 */
class ValidateModeCaddyIT {

    private static final String SITE = "www.caddy." + ValidateModeGateway.ZONE;
    private static final Duration CERTIFICATE_TIMEOUT = Duration.ofSeconds(45);

    @TempDir
    static Path work;
    private static KnotServer knot;
    private static ValidateModeGateway.ValidationPorts ports;
    private static GatewayProcess gateway;
    private static Daemon caddy;

    @BeforeAll
    static void start() {
        RequiredTools.assertInstalled("caddy", "curl", "knotd", "openssl");
        knot = ValidateModeGateway.startKnot(E2e.directory(work, "knot"), null, "www.caddy");
        ports = ValidateModeGateway.ValidationPorts.free();
        gateway = ValidateModeGateway.start("ValidateModeCaddyIT", work, knot, ports, ValidateModeGateway.SHORTLIVED);
    }

    @AfterAll
    static void stop() {
        E2e.closeQuietly(caddy);
        E2e.closeQuietly(gateway);
        E2e.closeQuietly(knot);
    }

    @Test
    void obtainsServesRenewsAndItsCertificateIsRevokedWithItsOwnKey() throws Exception {
        Path home = E2e.directory(work, "caddy");
        Path storage = home.resolve("storage");
        caddy = Daemon.start("caddy", List.of("caddy", "run", "--config", writeConfig(home).toString()),
                Map.of("HOME", home.toString(), "XDG_DATA_HOME", home.toString(),
                        "XDG_CONFIG_HOME", home.toString()));

        caddy.awaitReady(CERTIFICATE_TIMEOUT, () -> storedLeaf(storage).isPresent());
        Path certificateFile = storedFile(storage, ".crt").orElseThrow();
        X509Certificate first = assertChainVerifies(certificateFile, home);
        ToolRun served = Tool.command("curl", "-sS", "--resolve", SITE + ":" + ports.tls() + ":127.0.0.1",
                "--cacert", gateway.rootCertificate().toString(), "https://" + SITE + ":" + ports.tls() + "/")
                .env("CURL_CA_BUNDLE", gateway.rootCertificate().toString()).runSuccessfully();
        assertEquals("ok", served.output().strip(), served.describe("Caddy must serve the site over HTTPS"));
        assertTrue(caddy.output().contains("served key authentication"),
                caddy.describe("must have answered a challenge itself"));

        BigInteger firstSerial = first.getSerialNumber();
        caddy.awaitReady(CERTIFICATE_TIMEOUT, () -> storedLeaf(storage)
                .filter(leaf -> !leaf.getSerialNumber().equals(firstSerial)).isPresent());
        caddy.close();
        X509Certificate renewed = assertChainVerifies(certificateFile, home);
        assertTrue(renewed.getNotAfter().after(first.getNotAfter()), "the renewed certificate must end later");

        KeyPair certificateKey;
        try (Reader pem = Files.newBufferedReader(storedFile(storage, ".key").orElseThrow())) {
            certificateKey = KeyPairUtils.readKeyPair(pem);
        }
        AcmeClient client = new AcmeClient(gateway);
        Certificate.revoke(client.newSession(), certificateKey, renewed, null);
        AcmeServerException again = assertThrows(AcmeServerException.class,
                () -> Certificate.revoke(client.newSession(), certificateKey, renewed, null));
        assertEquals(E2e.ALREADY_REVOKED, again.getType().toString(),
                "a second revocation must be refused as alreadyRevoked (RFC 8555 §7.6): " + again);
    }

    /**
     * The Caddyfile (global options acme_ca, acme_ca_root, http_port, https_port, storage, and the site),
     * adapted to JSON by {@code caddy adapt}, with {@code renewal_window_ratio} added to its automation policies.
     */
    private static Path writeConfig(Path home) throws IOException {
        String caddyfile = """
                {
                	admin off
                	acme_ca %s
                	acme_ca_root %s
                	email admin@example.test
                	http_port %d
                	https_port %d
                	storage file_system %s
                	skip_install_trust
                	renew_interval 2s
                }
                %s {
                	respond "ok"
                }
                """.formatted(gateway.directory(), gateway.rootCertificate(), ports.http(), ports.tls(),
                home.resolve("storage"), SITE);
        Path file = Files.writeString(home.resolve("Caddyfile"), caddyfile);
        ToolRun adapted = Tool.command("caddy", "adapt", "--config", file.toString(), "--adapter", "caddyfile")
                .runSuccessfully();
        String json = adapted.output().substring(adapted.output().indexOf('{'));
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode config = (ObjectNode) mapper.readTree(json);
        config.path("apps").path("tls").path("automation").path("policies")
                .forEach(policy -> ((ObjectNode) policy).put("renewal_window_ratio", 0.95));
        return Files.writeString(home.resolve("caddy.json"), mapper.writeValueAsString(config));
    }

    /** The leaf of the certificate file Caddy stored for the site, if it stored one yet. */
    private static Optional<X509Certificate> storedLeaf(Path storage) {
        return storedFile(storage, ".crt").map(Certificates::readPem).filter(chain -> !chain.isEmpty())
                .map(chain -> chain.get(0));
    }

    /** {@code certificates/ISSUER/SITE/SITE.crt} (or .key) in Caddy's file_system storage. */
    private static Optional<Path> storedFile(Path storage, String suffix) {
        Path certificates = storage.resolve("certificates");
        if (!Files.isDirectory(certificates)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(certificates)) {
            return files.filter(path -> path.getFileName().toString().equals(SITE + suffix)).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Verifies Caddy's stored chain (leaf and intermediate) with openssl against acmegate's root. */
    private static X509Certificate assertChainVerifies(Path certificateFile, Path directory) {
        List<X509Certificate> chain = Certificates.readPem(certificateFile);
        Certificates.assertLeafAndIntermediate(chain, Set.of(SITE));
        Certificates.assertOpensslVerifies(gateway.rootCertificate(), chain, directory);
        return chain.get(0);
    }
}
