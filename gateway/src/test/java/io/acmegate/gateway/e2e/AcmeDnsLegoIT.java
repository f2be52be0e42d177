package io.acmegate.gateway.e2e;

import io.acmegate.gateway.upstream.acme.TrustingAcmeProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.util.CSRBuilder;

/**
 * Issue 3, acme-dns API compatibility: a CA that really validates dns-01 (Debian's Pebble) resolves the owner's
 * {@code _acme-challenge} CNAME through unbound into the gateway's delegation zone, and finds there the TXT values
 * that ACME clients published through the gateway's acme-dns API.
 */
class AcmeDnsLegoIT {

    private static final String ZONE = "acme.gateway.test";
    private static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path work;
    private static GatewayProcess gateway;
    private static DelegatedDns dns;
    private static Pebble pebble;
    private static AcmeDnsApi api;

    @BeforeAll
    static void start() throws Exception {
        RequiredTools.assertInstalled("knotd", "unbound", "dig", "nsupdate", "pebble", "lego", "curl", "openssl");
        gateway = GatewayProcess.start("AcmeDnsLegoIT", "--dns-zone", ZONE);
        dns = DelegatedDns.start(work, gateway);
        pebble = Pebble.start(Files.createDirectories(work.resolve("pebble")), dns.resolver().address());
        api = new AcmeDnsApi(gateway.acmeDnsApi(), gateway.rootCertificate());
    }

    @AfterAll
    static void stop() {
        E2e.closeQuietly(pebble);
        E2e.closeQuietly(dns);
        E2e.closeQuietly(gateway);
    }

    /**
     * lego publishes through the acme-dns API (its exec provider with {@link AcmeDnsHook}), one name after the
     * other, and withdraws each value after validation; Pebble issues for the name and its wildcard.
     */
    @Test
    void legoObtainsACertificateFromPebbleThroughTheAcmeDnsApi() throws Exception {
        Path home = Files.createDirectories(work.resolve("lego"));
        AcmeDnsApi.Registration registration = api.register("shop.example.test");
        dns.delegate("shop.example.test", registration.fulldomain());
        AcmeDnsHook hook = new AcmeDnsHook(home, gateway, registration);
        String[] domains = {"shop.example.test", "*.shop.example.test"};

        ToolRun run = lego(home, hook, domains).run();

        assertEquals(0, run.exitCode(), run.describe("lego run against Pebble") + "\n---- pebble ----\n"
                + pebble.log() + dns.logs());
        List<String> calls = hook.calls();
        assertEquals(4, calls.size(), "lego should present and clean up one value per name: " + calls);
        for (String call : calls) {
            assertTrue(call.matches("(present|cleanup) " + registration.fulldomain().replace(".", "\\.")
                    + "\\. [A-Za-z0-9_-]{43}"), "lego must follow the CNAME to the label: " + calls);
        }
        Path bundle = home.resolve("certificates").resolve("shop.example.test.crt");
        List<X509Certificate> chain = Certificates.readPem(bundle);
        assertEquals(Set.of(domains), Certificates.dnsNames(chain.get(0)), "names in the issued certificate");
        ToolRun names = Tool.command("openssl", "x509", "-in", bundle.toString(), "-noout", "-ext", "subjectAltName")
                .runSuccessfully();
        assertTrue(names.output().contains("DNS:shop.example.test") && names.output().contains("DNS:*.shop.example.test"),
                names.describe("openssl must see both names"));
        Path leaf = Certificates.writePem(home.resolve("leaf.pem"), chain.subList(0, 1));
        Certificates.assertOpensslVerifies(pebble.writeIssuingRoot(home.resolve("pebble-root.pem")),
                home.resolve("certificates").resolve("shop.example.test.issuer.crt"), leaf);

        Dig.Answer afterCleanup = Dig.udp(gateway.dnsResponderPort(), registration.fulldomain(), "TXT");
        assertEquals(List.of(), afterCleanup.txt(), afterCleanup.describe("DELETE /update must withdraw every value"));
    }

    /**
     * A wildcard and its base name share one label: both values must be served at once while the CA validates
     * both (acme-dns keeps only the last two values per label; acmegate keeps any number). acme4j drives Pebble so
     * that both values are published before either challenge is triggered.
     */
    @Test
    void wildcardAndBaseNameValuesAreServedAtOnceUnderOneLabel() throws Exception {
        AcmeDnsApi.Registration registration = api.register("mall.example.test");
        dns.delegate("mall.example.test", registration.fulldomain());
        // A stale value from an earlier attempt stays published too: three values at once.
        String stale = E2e.randomTxtValue();
        assertEquals(200, api.update(registration, stale).status(), "POST /update of a stale value");
        Session session = new Session(pebble.directory(), new TrustingAcmeProvider(Certificates.trusting(pebble.tlsCa())));
        Account account = new AccountBuilder().agreeToTermsOfService().useKeyPair(AcmeClient.newKeyPair())
                .create(session);
        Order order = account.newOrder().domains("mall.example.test", "*.mall.example.test").create();

        List<Dns01Challenge> challenges = new ArrayList<>();
        List<String> published = new ArrayList<>(List.of(stale));
        for (Authorization authorization : order.getAuthorizations()) {
            Dns01Challenge challenge = authorization.findChallenge(Dns01Challenge.class).orElseThrow();
            assertEquals(200, api.update(registration, challenge.getDigest()).status(), "POST /update");
            challenges.add(challenge);
            published.add(challenge.getDigest());
        }
        assertEquals(2, challenges.size(), "Pebble makes one authorization per name");
        Dig.Answer both = dns.challengeTxt("mall.example.test");
        assertEquals(Set.copyOf(published), Set.copyOf(both.txt()), both.describe("every value at once, via unbound"));

        for (Dns01Challenge challenge : challenges) {
            challenge.trigger();
        }
        for (Dns01Challenge challenge : challenges) {
            Status status = challenge.waitForCompletion(VALIDATION_TIMEOUT);
            assertEquals(Status.VALID, status, "challenge " + challenge.getLocation() + " ended " + status
                    + challenge.getError().map(problem -> ": " + problem).orElse("") + "\n---- pebble ----\n"
                    + pebble.log());
        }
        KeyPair certificateKey = AcmeClient.newKeyPair();
        CSRBuilder csr = new CSRBuilder();
        csr.addDomains("mall.example.test", "*.mall.example.test");
        csr.sign(certificateKey);
        order.execute(csr.getEncoded());
        assertEquals(Status.VALID, order.waitForCompletion(VALIDATION_TIMEOUT), "order " + order.getLocation());
        Certificate certificate = order.getCertificate();
        certificate.download();
        assertEquals(Set.of("mall.example.test", "*.mall.example.test"),
                Certificates.dnsNames(certificate.getCertificate()), "names in the issued certificate");
    }

    /** The control: without the right value under the label, Pebble's lookup through unbound fails validation. */
    @Test
    void pebbleRefusesWhenTheLabelHoldsAnotherValue() throws Exception {
        AcmeDnsApi.Registration registration = api.register("void.example.test");
        dns.delegate("void.example.test", registration.fulldomain());
        assertEquals(200, api.update(registration, E2e.randomTxtValue()).status(), "POST /update of a wrong value");
        Session session = new Session(pebble.directory(), new TrustingAcmeProvider(Certificates.trusting(pebble.tlsCa())));
        Account account = new AccountBuilder().agreeToTermsOfService().useKeyPair(AcmeClient.newKeyPair())
                .create(session);
        Order order = account.newOrder().domains("void.example.test").create();
        Dns01Challenge challenge = order.getAuthorizations().get(0).findChallenge(Dns01Challenge.class).orElseThrow();

        challenge.trigger();

        assertEquals(Status.INVALID, challenge.waitForCompletion(VALIDATION_TIMEOUT),
                "a challenge whose value is not published must fail\n---- pebble ----\n" + pebble.log());
    }

    private Tool lego(Path home, AcmeDnsHook hook, String... domains) {
        List<String> command = new ArrayList<>(List.of("lego", "--server", pebble.directory().toString(),
                "--email", "e@example.test", "--accept-tos", "--path", home.toString(),
                "--dns", "exec", "--dns.resolvers", dns.resolver().address(),
                // lego would otherwise query the zone's NS names on port 53, which nothing serves here.
                "--dns.disable-cp"));
        for (String domain : domains) {
            command.addAll(List.of("--domains", domain));
        }
        command.add("run");
        Tool tool = Tool.command(command).timeout(Duration.ofSeconds(90)).in(home)
                .env("LEGO_CA_CERTIFICATES", pebble.tlsCa().toString())
                .env("SSL_CERT_FILE", pebble.tlsCa().toString())
                // The exec provider solves names one after the other, waiting this long (seconds) in between.
                .env("EXEC_SEQUENCE_INTERVAL", "1")
                .env("EXEC_POLLING_INTERVAL", "1")
                .env("EXEC_PROPAGATION_TIMEOUT", "30");
        hook.environment().forEach(tool::env);
        return tool;
    }
}
