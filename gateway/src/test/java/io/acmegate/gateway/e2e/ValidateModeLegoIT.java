package io.acmegate.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lego (Debian's 4.9.1) in validate mode: no EAB key, acmegate validates lego's own answers. http-01 with lego's
 * built-in server on the port acmegate validates on (issue, renew, revoke), and dns-01 with lego's rfc2136
 * provider writing TXT records into the zone's Knot with a TSIG key, for a wildcard (which only dns-01 can prove,
 * RFC 8555 §7.1.3) and a plain name.
 */
class ValidateModeLegoIT {

    private static final String HTTP_NAME = "www." + ValidateModeGateway.ZONE;
    private static final String WILDCARD = "*.wild." + ValidateModeGateway.ZONE;
    private static final String DNS_NAME = "dns." + ValidateModeGateway.ZONE;
    private static final KnotServer.TsigKey KEY = ValidateModeGateway.randomTsigKey("lego-update");

    @TempDir
    static Path work;
    private static KnotServer knot;
    private static ValidateModeGateway.ValidationPorts ports;
    private static GatewayProcess gateway;

    @BeforeAll
    static void start() {
        RequiredTools.assertInstalled("lego", "knotd", "openssl");
        knot = ValidateModeGateway.startKnot(E2e.directory(work, "knot"), KEY, "www", "dns", "wild");
        ports = ValidateModeGateway.ValidationPorts.free();
        gateway = ValidateModeGateway.start("ValidateModeLegoIT", work, knot, ports, "classic");
    }

    @AfterAll
    static void stop() {
        E2e.closeQuietly(gateway);
        E2e.closeQuietly(knot);
    }

    @Test
    void issuesRenewsAndRevokesAnsweringHttp01ItsOwnServer(@TempDir Path home) {
        List<String> http = List.of("--http", "--http.port", "127.0.0.1:" + ports.http());

        ToolRun issued = lego(home, http, Map.of(), List.of(HTTP_NAME), "run");

        assertSucceeded(issued);
        assertTrue(issued.output().contains("Served key authentication"),
                issued.describe("lego must have answered http-01 itself"));
        BigInteger first = assertChainVerifies(home, HTTP_NAME, Set.of(HTTP_NAME));

        // lego renews only when fewer than --days days remain: a number beyond any lifetime forces it.
        assertSucceeded(lego(home, http, Map.of(), List.of(HTTP_NAME), "renew", "--days", "100000",
                "--no-random-sleep"));
        BigInteger renewed = assertChainVerifies(home, HTTP_NAME, Set.of(HTTP_NAME));
        assertNotEquals(first, renewed, "renewal must issue a new certificate");

        ToolRun revoked = lego(home, http, Map.of(), List.of(HTTP_NAME), "revoke", "--keep");
        assertSucceeded(revoked);
        assertTrue(revoked.output().contains("Certificate was revoked"), revoked.describe("lego did not revoke"));
        ToolRun again = lego(home, http, Map.of(), List.of(HTTP_NAME), "revoke", "--keep");
        assertTrue(again.exitCode() != 0 && again.output().contains(E2e.ALREADY_REVOKED),
                again.describe("a second revocation must be refused as alreadyRevoked (RFC 8555 §7.6)"));
    }

    @Test
    void issuesAWildcardAnsweringDns01ThroughRfc2136WithTsig(@TempDir Path home) {
        Map<String, String> rfc2136 = Map.of(
                "RFC2136_NAMESERVER", "127.0.0.1:" + knot.port(),
                "RFC2136_TSIG_KEY", KEY.name(),
                "RFC2136_TSIG_ALGORITHM", KEY.algorithm() + ".",
                "RFC2136_TSIG_SECRET", KEY.secret(),
                "RFC2136_TTL", "1",
                "RFC2136_PROPAGATION_TIMEOUT", "20",
                "RFC2136_POLLING_INTERVAL", "1",
                // the provider is sequential: it waits this long between two names (default 60 s)
                "RFC2136_SEQUENCE_INTERVAL", "1");
        // --dns.disable-cp: lego's own propagation check resolves the zone's NS name through the system resolver,
        // which does not know validate.example; acmegate asks Knot directly.
        List<String> dns = List.of("--dns", "rfc2136", "--dns.disable-cp");

        ToolRun issued = lego(home, dns, rfc2136, List.of(WILDCARD, DNS_NAME), "run");

        assertSucceeded(issued);
        assertTrue(issued.output().contains("[" + WILDCARD + "] acme: use dns-01 solver"),
                issued.describe("lego must have answered dns-01 for the wildcard"));
        assertChainVerifies(home, WILDCARD, Set.of(WILDCARD, DNS_NAME));
        String journal = knot.journal();
        assertTrue(journal.contains("_acme-challenge.wild." + ValidateModeGateway.ZONE + ".")
                        && journal.contains("_acme-challenge." + DNS_NAME + "."),
                "lego must have written both TXT records into Knot with the TSIG key; journal:\n" + journal);
    }

    private static ToolRun lego(Path home, List<String> solver, Map<String, String> environment, List<String> domains,
                                String... action) {
        List<String> command = new ArrayList<>(List.of("lego", "--server", gateway.directory().toString(),
                "--email", "e@example.test", "--accept-tos", "--path", home.toString()));
        command.addAll(solver);
        domains.forEach(domain -> command.addAll(List.of("--domains", domain)));
        command.addAll(List.of(action));
        String root = gateway.rootCertificate().toString();
        // LEGO_CA_CERTIFICATES replaces the system pool; SSL_CERT_FILE is exported globally on this machine.
        Tool tool = Tool.command(command).env("LEGO_CA_CERTIFICATES", root).env("SSL_CERT_FILE", root).in(home);
        environment.forEach(tool::env);
        return tool.run();
    }

    private static void assertSucceeded(ToolRun run) {
        assertEquals(0, run.exitCode(), run.describe("lego failed") + "\n---- gateway ----\n" + gateway.output());
    }

    /** Verifies lego's stored bundle for its first domain with openssl and returns the leaf's serial number. */
    private static BigInteger assertChainVerifies(Path home, String firstDomain, Set<String> names) {
        Path certificates = home.resolve("certificates");
        String file = firstDomain.replace('*', '_');
        List<X509Certificate> bundle = Certificates.readPem(certificates.resolve(file + ".crt"));
        Certificates.assertLeafAndIntermediate(bundle, names);
        Path leaf = Certificates.writePem(home.resolve("leaf.pem"), bundle.subList(0, 1));
        Certificates.assertOpensslVerifies(gateway.rootCertificate(), certificates.resolve(file + ".issuer.crt"), leaf);
        return bundle.get(0).getSerialNumber();
    }
}
