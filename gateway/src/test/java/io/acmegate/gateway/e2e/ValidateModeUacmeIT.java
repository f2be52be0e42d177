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
 * uacme (Debian's 1.7.4) in validate mode with its packaged hook, which writes http-01 files into
 * UACME_CHALLENGE_PATH, a webroot that {@code python3 -m http.server} serves on the port acmegate validates on:
 * account, issue, forced renewal and revocation.
 *
 * <p>uacme has no option for a CA file, and its libcurl (GnuTLS) reads the compiled-in bundle
 * {@value #SYSTEM_BUNDLE} whatever the environment says; so each uacme run gets a private mount namespace
 * ({@code unshare --mount}, as root) in which acmegate's root is bind-mounted over that bundle. The machine's
 * own bundle is never changed.
 */
class ValidateModeUacmeIT {

    private static final String SYSTEM_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";
    private static final String HOOK = "/usr/share/uacme/uacme.sh";
    private static final String NAME = "www." + ValidateModeGateway.ZONE;

    @TempDir
    static Path work;
    private static ValidateModeGateway.WithWebroot setup;
    private static GatewayProcess gateway;
    private static WebrootServer webroot;

    @BeforeAll
    static void start() {
        RequiredTools.assertInstalled("uacme", "unshare", "mount", "knotd", "openssl");
        assertTrue(Files.isRegularFile(Path.of(SYSTEM_BUNDLE)) && Files.isExecutable(Path.of(HOOK)),
                "uacme's CA bundle " + SYSTEM_BUNDLE + " and packaged hook " + HOOK + " must exist");
        setup = ValidateModeGateway.WithWebroot.start("ValidateModeUacmeIT", work);
        gateway = setup.gateway();
        webroot = setup.webroot();
    }

    @AfterAll
    static void stop() {
        E2e.closeQuietly(setup);
    }

    @Test
    void issuesRenewsAndRevokesWithItsPackagedHttp01Hook(@TempDir Path confdir) throws IOException {
        Path certificate = confdir.resolve(NAME).resolve("cert.pem");

        assertSucceeded(uacme(confdir, "new", "admin@example.test"));
        ToolRun issued = uacme(confdir, "issue", NAME);

        assertSucceeded(issued);
        assertTrue(webroot.log().contains("GET /.well-known/acme-challenge/"),
                "acmegate must have fetched the hook's token from the webroot; its log:\n" + webroot.log()
                        + "\n" + issued.output());
        BigInteger first = assertChainVerifies(certificate, confdir);

        assertSucceeded(uacme(confdir, "-f", "issue", NAME));
        BigInteger renewed = assertChainVerifies(certificate, confdir);
        assertNotEquals(first, renewed, "a forced renewal (-f) must issue a new certificate");

        // uacme renames a certificate it revoked: keep a copy to revoke a second time.
        Path copy = Files.copy(certificate, confdir.resolve("revoked-copy.pem"));
        ToolRun revoked = uacme(confdir, "revoke", certificate.toString());
        assertSucceeded(revoked);
        assertTrue(revoked.output().contains("revoked " + certificate), revoked.describe("uacme did not revoke"));
        ToolRun again = uacme(confdir, "revoke", copy.toString());
        assertTrue(again.exitCode() != 0 && again.output().contains(E2e.ALREADY_REVOKED),
                again.describe("a second revocation must be refused as alreadyRevoked (RFC 8555 §7.6)"));
    }

    /** {@code uacme -v -y -a DIRECTORY -c CONFDIR -h HOOK ARGUMENTS} with acmegate's root as its only CA. */
    private static ToolRun uacme(Path confdir, String... arguments) {
        String uacme = "exec uacme -v -y -a \"$1\" -c \"$2\" -h " + HOOK + " \"${@:3}\"";
        String script = "mount --bind \"$ROOT\" " + SYSTEM_BUNDLE + " && " + uacme;
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "bash", "-c", script,
                "uacme", gateway.directory().toString(), confdir.toString()));
        command.addAll(List.of(arguments));
        return Tool.command(command)
                .env("ROOT", gateway.rootCertificate().toString())
                .env("UACME_CHALLENGE_PATH", webroot.challengeDirectory().toString())
                .in(confdir).run();
    }

    private static void assertSucceeded(ToolRun run) {
        assertEquals(0, run.exitCode(), run.describe("uacme failed") + "\n---- gateway ----\n"
                + gateway.output() + "\n---- webroot ----\n" + webroot.log());
    }

    /** Verifies uacme's cert.pem (leaf and intermediate) with openssl; returns the leaf's serial number. */
    private static BigInteger assertChainVerifies(Path certificate, Path directory) {
        List<X509Certificate> chain = Certificates.readPem(certificate);
        Certificates.assertLeafAndIntermediate(chain, Set.of(NAME));
        Certificates.assertOpensslVerifies(gateway.rootCertificate(), chain, directory);
        return chain.get(0).getSerialNumber();
    }
}
