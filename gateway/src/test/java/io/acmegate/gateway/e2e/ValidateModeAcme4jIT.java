package io.acmegate.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.OrderBuilder;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.connector.Connection;
import org.shredzone.acme4j.connector.Resource;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.toolbox.JSONBuilder;
import org.shredzone.acme4j.util.CSRBuilder;

/**
 * acme4j 4.0 in validate mode: accounts without EAB whose orders acmegate validates with http-01 answered by a
 * JDK HttpServer on the port acmegate validates on; key rollover (RFC 8555 §7.3.5), an ip identifier (RFC 8738),
 * profiles (the ACME profiles extension), and authorization deactivation (RFC 8555 §7.5.2).
 */
class ValidateModeAcme4jIT {

    private static final String MALFORMED = "urn:ietf:params:acme:error:malformed";
    private static final String INVALID_PROFILE = "urn:ietf:params:acme:error:invalidProfile";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String NAME = "www." + ValidateModeGateway.ZONE;

    @TempDir
    static Path work;
    private static KnotServer knot;
    private static GatewayProcess gateway;
    private static Http01TokenServer answerer;
    private static AcmeClient client;

    @BeforeAll
    static void start() {
        RequiredTools.assertInstalled("knotd", "openssl");
        knot = ValidateModeGateway.startKnot(E2e.directory(work, "knot"), null, "www", "gone");
        ValidateModeGateway.ValidationPorts ports = ValidateModeGateway.ValidationPorts.free();
        gateway = ValidateModeGateway.start("ValidateModeAcme4jIT", work, knot, ports, "classic");
        answerer = Http01TokenServer.start(ports.http());
        client = new AcmeClient(gateway);
    }

    @AfterAll
    static void stop() {
        E2e.closeQuietly(answerer);
        E2e.closeQuietly(gateway);
        E2e.closeQuietly(knot);
    }

    @Test
    void issuesAfterValidatingHttp01(@TempDir Path directory) throws Exception {
        Login login = newLogin();

        Order order = login.newOrder().domain(NAME).create();
        answerHttp01(order);
        List<X509Certificate> chain = finalizeAndDownload(order, List.of(Identifier.dns(NAME))).getCertificateChain();

        Certificates.assertLeafAndIntermediate(chain, Set.of(NAME));
        Certificates.assertOpensslVerifies(gateway.rootCertificate(), chain, directory);
        assertTrue(answerer.requests().stream().anyMatch(path -> path.startsWith("/.well-known/acme-challenge/")),
                "acmegate must have fetched the key authorization; requests: " + answerer.requests());
    }

    @Test
    void afterAKeyChangeTheNewKeyOrdersAndTheOldKeyIsRefused() throws Exception {
        KeyPair oldKey = AcmeClient.newKeyPair();
        Account account = client.newAccount(oldKey, null);
        KeyPair newKey = AcmeClient.newKeyPair();

        account.changeKey(newKey);

        Login withNewKey = client.login(account.getLocation(), newKey);
        Order order = withNewKey.newOrder().domain(NAME).create();
        answerHttp01(order);
        finalizeAndDownload(order, List.of(Identifier.dns(NAME)));
        Login withOldKey = client.login(account.getLocation(), oldKey);
        assertThrows(AcmeServerException.class, () -> withOldKey.getAccount().fetch(),
                "a request signed with the replaced key must be refused");
    }

    @Test
    void issuesForAnIpIdentifierValidatedWithHttp01(@TempDir Path directory) throws Exception {
        Login login = newLogin();
        Identifier loopback = Identifier.ip("127.0.0.1");

        Order order = login.newOrder().identifier(loopback).create();
        answerHttp01(order);
        List<X509Certificate> chain = finalizeAndDownload(order, List.of(loopback)).getCertificateChain();

        // subjectAltName iPAddress (GeneralName tag 7, RFC 5280 §4.2.1.6), as RFC 8738 §5 asks
        assertEquals(List.of(List.of(7, "127.0.0.1")), List.copyOf(chain.get(0).getSubjectAlternativeNames()),
                "the leaf must name exactly the ip address");
        Certificates.assertOpensslVerifies(gateway.rootCertificate(), chain, directory);
    }

    @Test
    void theShortlivedProfileIssuesATwoMinuteCertificate() throws Exception {
        Login login = newLogin();

        Order order = login.newOrder().domain(NAME).profile(ValidateModeGateway.SHORTLIVED).create();
        answerHttp01(order);
        Instant finalizedAt = Instant.now();
        X509Certificate leaf = finalizeAndDownload(order, List.of(Identifier.dns(NAME))).getCertificate();

        Instant notAfter = leaf.getNotAfter().toInstant();
        assertTrue(notAfter.isAfter(finalizedAt) && !notAfter.isAfter(finalizedAt.plus(Duration.ofMinutes(3))),
                "a shortlived certificate ends about 2 minutes after issuance; finalized " + finalizedAt
                        + ", notBefore " + leaf.getNotBefore().toInstant() + ", notAfter " + notAfter);
        assertEquals(ValidateModeGateway.SHORTLIVED, order.getProfile(), "the order's profile");
    }

    @Test
    void aNotAfterBeyondTheProfileIsRefusedAsMalformed() throws Exception {
        Login login = newLogin();
        OrderBuilder tooLong = login.newOrder().domain(NAME).profile(ValidateModeGateway.SHORTLIVED)
                .notAfter(Instant.now().plus(Duration.ofDays(1)));

        AcmeServerException refused = assertThrows(AcmeServerException.class, tooLong::create);

        assertEquals(MALFORMED, refused.getType().toString(), refused.toString());
    }

    @Test
    void anUnknownProfileIsRefusedAsInvalidProfile() throws Exception {
        Login login = newLogin();
        // acme4j refuses a profile the directory does not list before sending: build the newOrder request by hand.
        JSONBuilder claims = new JSONBuilder();
        claims.array("identifiers", List.of(Identifier.dns(NAME).toMap()));
        claims.put("profile", "no-such-profile");

        AcmeServerException refused = assertThrows(AcmeServerException.class, () -> {
            try (Connection connection = login.getSession().connect()) {
                connection.sendSignedRequest(login.getSession().resourceUrl(Resource.NEW_ORDER), claims, login);
            }
        });

        assertEquals(INVALID_PROFILE, refused.getType().toString(), refused.toString());
    }

    @Test
    void deactivatingAnAuthorizationInvalidatesTheOrder() throws Exception {
        Login login = newLogin();
        Order order = login.newOrder().domain("gone." + ValidateModeGateway.ZONE).create();
        Authorization authorization = order.getAuthorizations().get(0);

        authorization.deactivate();

        assertEquals(Status.DEACTIVATED, authorization.getStatus(), "the authorization after deactivation");
        order.fetch();
        // RFC 8555 §7.1.6: an order whose authorization is deactivated becomes invalid.
        assertEquals(Status.INVALID, order.getStatus(), "the order after its authorization was deactivated");
    }

    private static Login newLogin() throws AcmeException {
        KeyPair accountKey = AcmeClient.newKeyPair();
        Account account = client.newAccount(accountKey, null);
        return client.login(account.getLocation(), accountKey);
    }

    /** Answers and triggers the http-01 challenge of every pending authorization, and waits until each is valid. */
    private static void answerHttp01(Order order) throws Exception {
        for (Authorization authorization : order.getAuthorizations()) {
            if (authorization.getStatus() == Status.VALID) {
                continue;
            }
            Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class)
                    .orElseThrow(() -> new AssertionError("no http-01 challenge for " + authorization.getIdentifier()));
            answerer.put(challenge.getToken(), challenge.getAuthorization());
            challenge.trigger();
            Status status = authorization.waitForCompletion(TIMEOUT);
            assertEquals(Status.VALID, status, "authorization for " + authorization.getIdentifier() + ": "
                    + challenge.getError().map(Object::toString).orElse("no error") + "\n" + gateway.output());
        }
    }

    /** Finalizes with a CSR for the identifiers, waits until the order is valid, and downloads the certificate. */
    private static Certificate finalizeAndDownload(Order order, List<Identifier> identifiers) throws Exception {
        CSRBuilder csr = new CSRBuilder();
        List<String> domains = new ArrayList<>();
        for (Identifier identifier : identifiers) {
            if (identifier.getType().equals(Identifier.TYPE_IP)) {
                csr.addIP(InetAddress.getByName(identifier.getValue()));
            } else {
                domains.add(identifier.getDomain());
            }
        }
        csr.addDomains(domains);
        csr.sign(AcmeClient.newKeyPair());
        order.execute(csr.getEncoded());
        assertEquals(Status.VALID, order.waitForCompletion(TIMEOUT), "order " + order.getLocation() + ": "
                + order.getError().map(Object::toString).orElse("no error"));
        Certificate certificate = order.getCertificate();
        certificate.download();
        return certificate;
    }
}
