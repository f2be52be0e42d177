package io.acmegate.gateway.e2e;

import io.acmegate.gateway.upstream.acme.TrustingAcmeProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.security.KeyPair;
import java.security.Security;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.util.CSRBuilder;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * acme4j driving one gateway: sessions that trust the gateway's root, and the steps of an order as a client
 * takes them. Every method is a real ACME exchange; nothing is mocked.
 */
public final class AcmeClient {

    static {
        // acme4j's KeyPairUtils and CSRBuilder need the BouncyCastle provider.
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    private static final Duration ORDER_TIMEOUT = Duration.ofSeconds(30);

    private final GatewayProcess gateway;

    public AcmeClient(GatewayProcess gateway) {
        this.gateway = gateway;
    }

    /** A new acme4j session on the gateway's directory, trusting only the gateway's root certificate. */
    public Session newSession() {
        return new Session(gateway.directory(), new TrustingAcmeProvider(Certificates.trusting(gateway.rootCertificate())));
    }

    /** A fresh EC P-256 key pair (account or certificate key). */
    public static KeyPair newKeyPair() {
        return KeyPairUtils.createKeyPair();
    }

    /** Registers a new account with {@code accountKey}, bound to {@code eab} when it is not null. */
    public Account newAccount(KeyPair accountKey, EabCredentials eab) throws AcmeException {
        AccountBuilder builder = new AccountBuilder()
                .agreeToTermsOfService()
                .addEmail("admin@example.test")
                .useKeyPair(accountKey);
        if (eab != null) {
            builder.withKeyIdentifier(eab.keyId(), eab.hmacKey());
        }
        return builder.create(newSession());
    }

    /** A login for an existing account URL, on a new session (as a client that restarted would have). */
    public Login login(URL accountLocation, KeyPair accountKey) {
        return new Login(accountLocation, accountKey, newSession());
    }

    /** Orders {@code names} and checks that every authorization is already valid (the policy grants them). */
    public static Order orderWithValidAuthorizations(Login login, String... names) throws AcmeException {
        Order order = login.newOrder().domains(names).create();
        for (Authorization authorization : order.getAuthorizations()) {
            authorization.fetch();
            assertEquals(Status.VALID, authorization.getStatus(),
                    "authorization for " + authorization.getIdentifier() + " at " + authorization.getLocation()
                            + " should be created valid");
        }
        return order;
    }

    /** Sends a finalize request with a CSR for {@code names} signed by {@code certificateKey}; does not wait. */
    public static void finalizeOrder(Order order, KeyPair certificateKey, List<String> names) throws Exception {
        CSRBuilder csr = new CSRBuilder();
        csr.addDomains(names);
        csr.sign(certificateKey);
        order.execute(csr.getEncoded());
    }

    /** Polls the order until it is valid or invalid, and asserts valid. */
    public static void awaitValid(Order order) throws AcmeException, InterruptedException {
        Status status = order.waitForCompletion(ORDER_TIMEOUT);
        assertEquals(Status.VALID, status, "order " + order.getLocation() + " ended " + status
                + order.getError().map(problem -> ": " + problem).orElse(""));
    }

    /** An order that ended valid, its downloaded certificate, and the certificate's key. */
    public record Issued(Order order, Certificate certificate, KeyPair certificateKey) {
    }

    /** The whole flow for an account: order, check authorizations, finalize, wait, download. */
    public static Issued issue(Login login, String... names) throws Exception {
        Order order = orderWithValidAuthorizations(login, names);
        KeyPair certificateKey = newKeyPair();
        finalizeOrder(order, certificateKey, List.of(names));
        awaitValid(order);
        Certificate certificate = order.getCertificate();
        certificate.download();
        return new Issued(order, certificate, certificateKey);
    }
}
