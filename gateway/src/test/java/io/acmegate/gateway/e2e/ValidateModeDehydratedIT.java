package io.acmegate.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dehydrated (Debian's package) in validate mode: it writes its http-01 files into WELLKNOWN, a webroot that
 * {@code python3 -m http.server} serves on the port acmegate validates on; registration, issue, forced renewal
 * and revocation. dehydrated calls curl, which trusts acmegate's root through CURL_CA_BUNDLE.
 */
class ValidateModeDehydratedIT {

    private static final String NAME = "www." + ValidateModeGateway.ZONE;

    @TempDir
    static Path work;
    private static ValidateModeGateway.WithWebroot setup;
    private static GatewayProcess gateway;
    private static WebrootServer webroot;

    @BeforeAll
    static void start() {
        RequiredTools.assertInstalled("dehydrated", "curl", "knotd", "openssl");
        setup = ValidateModeGateway.WithWebroot.start("ValidateModeDehydratedIT", work);
        gateway = setup.gateway();
        webroot = setup.webroot();
    }

    @AfterAll
    static void stop() {
        E2e.closeQuietly(setup);
    }

    @Test
    void registersIssuesRenewsAndRevokesAnsweringHttp01FromAWebroot(@TempDir Path home) throws IOException {
        Path config = writeConfig(home);
        Path live = home.resolve("base/certs").resolve(NAME);

        assertSucceeded(dehydrated(config, "--register", "--accept-terms"));
        ToolRun issued = dehydrated(config, "-c", "-d", NAME);

        assertSucceeded(issued);
        assertTrue(issued.output().contains("Challenge is valid!"), issued.describe("dehydrated answered no challenge"));
        assertTrue(webroot.log().contains("GET /.well-known/acme-challenge/"),
                "acmegate must have fetched the token from the webroot; its log:\n" + webroot.log());
        BigInteger first = assertChainVerifies(live, home);

        assertSucceeded(dehydrated(config, "-c", "-x", "-d", NAME));
        BigInteger renewed = assertChainVerifies(live, home);
        assertNotEquals(first, renewed, "a forced renewal (-x) must issue a new certificate");

        // dehydrated renames a certificate it revoked: keep a copy to revoke a second time.
        Path copy = Files.copy(live.resolve("cert.pem"), home.resolve("revoked-copy.pem"));
        ToolRun revoked = dehydrated(config, "-r", live.resolve("cert.pem").toString());
        assertSucceeded(revoked);
        assertTrue(revoked.output().contains("Done."), revoked.describe("dehydrated did not revoke"));
        ToolRun again = dehydrated(config, "-r", copy.toString());
        assertTrue(again.exitCode() != 0 && again.output().contains(E2e.ALREADY_REVOKED),
                again.describe("a second revocation must be refused as alreadyRevoked (RFC 8555 §7.6)"));
    }

    private static Path writeConfig(Path home) throws IOException {
        Files.createDirectories(home.resolve("base"));
        String config = """
                CA="%s"
                BASEDIR="%s"
                WELLKNOWN="%s"
                CHALLENGETYPE="http-01"
                CONTACT_EMAIL="admin@example.test"
                KEY_ALGO=prime256v1
                """.formatted(gateway.directory(), home.resolve("base"), webroot.challengeDirectory());
        return Files.writeString(home.resolve("config"), config);
    }

    private static ToolRun dehydrated(Path config, String... arguments) {
        List<String> command = new ArrayList<>(List.of("dehydrated", "-f", config.toString()));
        command.addAll(List.of(arguments));
        // dehydrated runs the curl command, which reads CURL_CA_BUNDLE; this machine exports it globally.
        return Tool.command(command).env("CURL_CA_BUNDLE", gateway.rootCertificate().toString())
                .in(config.getParent()).run();
    }

    private static void assertSucceeded(ToolRun run) {
        assertEquals(0, run.exitCode(), run.describe("dehydrated failed") + "\n---- gateway ----\n"
                + gateway.output() + "\n---- webroot ----\n" + webroot.log());
    }

    /** Verifies dehydrated's cert.pem with chain.pem against acmegate's root; returns the leaf's serial number. */
    private static BigInteger assertChainVerifies(Path live, Path home) {
        List<X509Certificate> fullChain = Certificates.readPem(live.resolve("fullchain.pem"));
        Certificates.assertLeafAndIntermediate(fullChain, Set.of(NAME));
        Certificates.assertOpensslVerifies(gateway.rootCertificate(), live.resolve("chain.pem"),
                live.resolve("cert.pem"));
        return fullChain.get(0).getSerialNumber();
    }
}
