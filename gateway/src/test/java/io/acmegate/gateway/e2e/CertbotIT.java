package io.acmegate.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** certbot (Debian's 2.1) obtains, renews and revokes a certificate from the packaged gateway with an EAB key. */
class CertbotIT {

    /** Names the EAB key grants; none is under .test, so only the grant can allow them. */
    private static final String[] GRANT = {"*.corp.example.com", "api.example.com"};
    private static final String[] ORDERED = {"www.corp.example.com", "api.example.com"};

    private static GatewayProcess gateway;

    @BeforeAll
    static void startGateway() {
        RequiredTools.assertInstalled("certbot", "openssl");
        gateway = GatewayProcess.start("CertbotIT");
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void issuesRenewsAndRevokesWithExternalAccountBinding(@TempDir Path home) {
        Certbot certbot = new Certbot(home, gateway);

        certbot.certonly("corp", gateway.createEab(GRANT), ORDERED).assertSucceeded();
        assertFalse(certbot.authHookRan(), "certbot was asked to solve a challenge, but the EAB grant should"
                + " have made the authorizations valid; certbot log:\n" + certbot.lastLog());
        BigInteger issuedSerial = assertLineageChainsToRoot(certbot.live("corp"));

        certbot.renew().assertSucceeded();
        BigInteger renewedSerial = assertLineageChainsToRoot(certbot.live("corp"));
        assertNotEquals(issuedSerial, renewedSerial, "renewal must issue a new certificate");

        certbot.revoke("corp").assertSucceeded();
        ToolRun again = certbot.revoke("corp").assertFailed();
        assertTrue((again.output() + certbot.lastLog()).contains(E2e.ALREADY_REVOKED),
                again.describe("a second revocation should be refused as alreadyRevoked (RFC 8555 §7.6)")
                        + "\ncertbot log:\n" + certbot.lastLog());
    }

    @Test
    void refusesANameOutsideTheGrant(@TempDir Path home) {
        Certbot certbot = new Certbot(home, gateway);

        ToolRun refused = certbot.certonly("other", gateway.createEab(GRANT), "other.example.org").assertFailed();

        assertTrue((refused.output() + certbot.lastLog()).contains("urn:ietf:params:acme:error:rejectedIdentifier"),
                refused.describe("newOrder for a name outside the grant should fail with rejectedIdentifier")
                        + "\ncertbot log:\n" + certbot.lastLog());
        assertFalse(Files.exists(certbot.live("other")), "no certificate may be stored for a refused name");
    }

    /** Checks the lineage's files as certbot stored them and returns the leaf's serial number. */
    private static BigInteger assertLineageChainsToRoot(Path live) {
        Certificates.assertOpensslVerifies(gateway.rootCertificate(), live.resolve("chain.pem"), live.resolve("cert.pem"));
        List<X509Certificate> fullChain = Certificates.readPem(live.resolve("fullchain.pem"));
        Certificates.assertLeafAndIntermediate(fullChain, Set.of(ORDERED));
        return fullChain.get(0).getSerialNumber();
    }
}
