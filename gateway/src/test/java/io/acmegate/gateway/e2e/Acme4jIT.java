package io.acmegate.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.exception.AcmeServerException;

/** acme4j 4.0.0, the Java client acmegate itself uses upstream, against the packaged gateway. */
class Acme4jIT {

    private static final String REJECTED_IDENTIFIER = "urn:ietf:params:acme:error:rejectedIdentifier";
    private static final String[] GRANT = {"*.corp.example.com", "api.example.com"};
    private static final String[] ORDERED = {"www.corp.example.com", "api.example.com"};

    private static GatewayProcess gateway;
    private static AcmeClient client;

    @BeforeAll
    static void startGateway() {
        RequiredTools.assertInstalled("openssl");
        gateway = GatewayProcess.start("Acme4jIT");
        client = new AcmeClient(gateway);
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void issuesForAnAccountBoundWithExternalAccountBinding(@TempDir Path work) throws Exception {
        KeyPair accountKey = AcmeClient.newKeyPair();
        Account account = client.newAccount(accountKey, gateway.createEab(GRANT));
        assertEquals(Status.VALID, account.getStatus(), "new account status");
        Login login = client.login(account.getLocation(), accountKey);

        Order order = AcmeClient.orderWithValidAuthorizations(login, ORDERED);
        order.fetch();
        // RFC 8555 §7.1.6: an order whose authorizations are all valid is ready.
        assertEquals(Status.READY, order.getStatus(), "order with valid authorizations");

        KeyPair certificateKey = AcmeClient.newKeyPair();
        AcmeClient.finalizeOrder(order, certificateKey, List.of(ORDERED));
        AcmeClient.awaitValid(order);
        order.getCertificate().download();
        List<X509Certificate> chain = order.getCertificate().getCertificateChain();

        Certificates.assertLeafAndIntermediate(chain, Set.of(ORDERED));
        assertArrayEquals(certificateKey.getPublic().getEncoded(), chain.get(0).getPublicKey().getEncoded(),
                "the leaf must certify the CSR's key");
        Certificates.assertOpensslVerifies(gateway.rootCertificate(), chain, work);
    }

    @Test
    void issuesNamesOfTheDefaultPolicyWithoutBinding(@TempDir Path work) throws Exception {
        KeyPair accountKey = AcmeClient.newKeyPair();
        Account account = client.newAccount(accountKey, null);
        Login login = client.login(account.getLocation(), accountKey);

        AcmeClient.Issued issued = AcmeClient.issue(login, "host.example.test", "app.localhost");

        List<X509Certificate> chain = issued.certificate().getCertificateChain();
        Certificates.assertLeafAndIntermediate(chain, Set.of("host.example.test", "app.localhost"));
        Certificates.assertOpensslVerifies(gateway.rootCertificate(), chain, work);
    }

    @Test
    void rejectsNamesOutsideTheGrantAndTheDefaultPolicy() throws Exception {
        KeyPair boundKey = AcmeClient.newKeyPair();
        Login bound = client.login(client.newAccount(boundKey, gateway.createEab(GRANT)).getLocation(), boundKey);
        KeyPair unboundKey = AcmeClient.newKeyPair();
        Login unbound = client.login(client.newAccount(unboundKey, null).getLocation(), unboundKey);

        assertProblem(REJECTED_IDENTIFIER, () -> bound.newOrder().domains("other.example.org").create());
        assertProblem(REJECTED_IDENTIFIER, () -> unbound.newOrder().domains(ORDERED).create());
    }

    @Test
    void revokesOnceThenReportsAlreadyRevoked() throws Exception {
        KeyPair accountKey = AcmeClient.newKeyPair();
        Login login = client.login(client.newAccount(accountKey, null).getLocation(), accountKey);
        AcmeClient.Issued issued = AcmeClient.issue(login, "revoke-me.example.test");

        issued.certificate().revoke();

        assertProblem(E2e.ALREADY_REVOKED, () -> issued.certificate().revoke());
    }

    private interface AcmeCall {
        void run() throws Exception;
    }

    private static void assertProblem(String expectedType, AcmeCall call) {
        AcmeServerException refused = assertThrows(AcmeServerException.class, call::run,
                "expected a problem document of type " + expectedType);
        assertEquals(expectedType, refused.getType().toString(), "problem: " + refused.getProblem());
    }
}
