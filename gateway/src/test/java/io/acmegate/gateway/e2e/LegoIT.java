package io.acmegate.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lego (Debian's 4.9.1) obtains, renews and revokes a certificate from the packaged gateway with an EAB key. */
class LegoIT {

    private static final String[] GRANT = {"*.corp.example.com", "api.example.com"};
    private static final String[] ORDERED = {"www.corp.example.com", "api.example.com"};

    private static GatewayProcess gateway;

    @BeforeAll
    static void startGateway() {
        RequiredTools.assertInstalled("lego", "openssl");
        gateway = GatewayProcess.start("LegoIT");
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void issuesRenewsAndRevokesWithExternalAccountBinding(@TempDir Path home) {
        Lego lego = new Lego(home, gateway, gateway.createEab(GRANT));

        lego.run(ORDERED).assertSucceeded();
        BigInteger issuedSerial = assertStoredChainVerifies(lego, home);

        lego.renew(ORDERED).assertSucceeded();
        BigInteger renewedSerial = assertStoredChainVerifies(lego, home);
        assertNotEquals(issuedSerial, renewedSerial, "renewal must issue a new certificate");

        ToolRun revoked = lego.revoke(ORDERED[0]).assertSucceeded();
        assertTrue(revoked.output().contains("Certificate was revoked"), revoked.describe("lego did not revoke"));
        ToolRun again = lego.revoke(ORDERED[0]);
        assertTrue(again.exitCode() != 0 && again.output().contains(E2e.ALREADY_REVOKED),
                again.describe("a second revocation should be refused as alreadyRevoked (RFC 8555 §7.6)"));
    }

    @Test
    void refusesANameOutsideTheGrant(@TempDir Path home) {
        Lego lego = new Lego(home, gateway, gateway.createEab(GRANT));

        ToolRun refused = lego.run("other.example.org").assertFailed();

        assertTrue(refused.output().contains("urn:ietf:params:acme:error:rejectedIdentifier"),
                refused.describe("newOrder for a name outside the grant should fail with rejectedIdentifier"));
    }

    /** Verifies lego's stored bundle and issuer file with openssl and returns the leaf's serial number. */
    private static BigInteger assertStoredChainVerifies(Lego lego, Path home) {
        List<X509Certificate> bundle = Certificates.readPem(lego.bundle(ORDERED[0]));
        Certificates.assertLeafAndIntermediate(bundle, Set.of(ORDERED));
        Path leaf = Certificates.writePem(home.resolve("leaf.pem"), bundle.subList(0, 1));
        Certificates.assertOpensslVerifies(gateway.rootCertificate(), lego.issuer(ORDERED[0]), leaf);
        return bundle.get(0).getSerialNumber();
    }
}
