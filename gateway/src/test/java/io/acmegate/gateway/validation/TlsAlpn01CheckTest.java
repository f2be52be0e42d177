package io.acmegate.gateway.validation;

import static io.acmegate.gateway.validation.TestCertificates.dns;
import static io.acmegate.gateway.validation.TestCertificates.ip;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmegate.gateway.validation.TestCertificates.Spec;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TlsAlpn01CheckTest {
    private static final String TOKEN = "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA";
    private static final String KEY_AUTHORIZATION = TOKEN + ".9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI";
    private static final List<String> ACME_TLS = List.of("acme-tls/1");

    private TestDnsServer dns;
    private TestTlsServer server;

    @BeforeEach
    void startDns() throws Exception {
        dns = new TestDnsServer().a("shop.example", "127.0.0.1");
    }

    @AfterEach
    void stop() throws Exception {
        dns.close();
        if (server != null) {
            server.close();
        }
    }

    private ChallengeCheck check() {
        int port = server == null ? 443 : server.port();
        return ChallengeChecks.tlsAlpn01(new ValidationSettings(dns.address(), 80, port, Duration.ofSeconds(5)));
    }

    private void serve(Spec spec, List<String> alpn) throws Exception {
        server = new TestTlsServer(TestCertificates.serverContext(spec), alpn);
    }

    private ValidationFailure failure(String type, String value) {
        return assertThrows(ValidationFailure.class, () -> check().check(type, value, TOKEN, KEY_AUTHORIZATION));
    }

    @Test
    void acceptsTheChallengeCertificateAndSendsTheNameAsSni() throws Exception {
        serve(Spec.challenge(dns("shop.example"), KEY_AUTHORIZATION), ACME_TLS);

        assertDoesNotThrow(() -> check().check("dns", "shop.example", TOKEN, KEY_AUTHORIZATION));
        assertEquals(List.of("shop.example"), server.serverNames());
    }

    @Test
    void rejectsTheDigestOfAnotherKeyAuthorization() throws Exception {
        serve(Spec.challenge(dns("shop.example"), TOKEN + ".another-thumbprint"), ACME_TLS);

        ValidationFailure failure = failure("dns", "shop.example");
        assertEquals("unauthorized", failure.type());
        assertTrue(failure.detail().contains("SHA-256 digest"), failure.detail());
    }

    @Test
    void rejectsACertificateWithoutTheAcmeIdentifierExtension() throws Exception {
        serve(Spec.plain("shop.example"), ACME_TLS);

        ValidationFailure failure = failure("dns", "shop.example");
        assertEquals("unauthorized", failure.type());
        assertTrue(failure.detail().contains("no acmeIdentifier extension"), failure.detail());
    }

    @Test
    void rejectsANonCriticalAcmeIdentifierExtension() throws Exception {
        serve(new Spec(List.of(dns("shop.example")), KeyAuthorizations.sha256(KEY_AUTHORIZATION), false), ACME_TLS);

        ValidationFailure failure = failure("dns", "shop.example");
        assertEquals("unauthorized", failure.type());
        assertTrue(failure.detail().contains("not critical"), failure.detail());
    }

    @Test
    void rejectsTwoSubjectAltNames() throws Exception {
        serve(new Spec(List.of(dns("shop.example"), dns("other.example")),
                KeyAuthorizations.sha256(KEY_AUTHORIZATION), true), ACME_TLS);

        ValidationFailure failure = failure("dns", "shop.example");
        assertEquals("unauthorized", failure.type());
        assertTrue(failure.detail().contains("exactly one subjectAltName"), failure.detail());
    }

    @Test
    void rejectsACertificateForAnotherName() throws Exception {
        serve(Spec.challenge(dns("other.example"), KEY_AUTHORIZATION), ACME_TLS);

        ValidationFailure failure = failure("dns", "shop.example");
        assertEquals("unauthorized", failure.type());
        assertTrue(failure.detail().contains("\"other.example\""), failure.detail());
    }

    @Test
    void failsWhenTheServerSpeaksOnlyOtherProtocols() throws Exception {
        serve(Spec.challenge(dns("shop.example"), KEY_AUTHORIZATION), List.of("h2", "http/1.1"));

        assertEquals("tls", failure("dns", "shop.example").type());
    }

    @Test
    void failsWhenTheServerIgnoresAlpn() throws Exception {
        serve(Spec.challenge(dns("shop.example"), KEY_AUTHORIZATION), null);

        ValidationFailure failure = failure("dns", "shop.example");
        assertEquals("tls", failure.type());
        assertTrue(failure.detail().contains("did not negotiate acme-tls/1"), failure.detail());
    }

    @Test
    void ipIdentifierSendsTheReverseNameAndNeedsTheIpAddressSan() throws Exception {
        serve(Spec.challenge(ip("127.0.0.1"), KEY_AUTHORIZATION), ACME_TLS);

        assertDoesNotThrow(() -> check().check("ip", "127.0.0.1", TOKEN, KEY_AUTHORIZATION));
        assertEquals(List.of("1.0.0.127.in-addr.arpa"), server.serverNames()); // RFC 8738 §6
    }

    @Test
    void ipIdentifierRejectsADnsNameSan() throws Exception {
        serve(Spec.challenge(dns("127.0.0.1"), KEY_AUTHORIZATION), ACME_TLS);

        assertEquals("unauthorized", failure("ip", "127.0.0.1").type());
    }

    @Test
    void nameWithoutAddressIsADnsFailure() throws Exception {
        serve(Spec.challenge(dns("shop.example"), KEY_AUTHORIZATION), ACME_TLS);

        ValidationFailure failure = failure("dns", "missing.example");
        assertEquals("dns", failure.type());
        assertTrue(failure.detail().contains("NXDOMAIN"), failure.detail());
        assertTrue(server.serverNames().isEmpty());
    }

    @Test
    void refusedConnectionIsAConnectionFailure() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        var check = ChallengeChecks.tlsAlpn01(new ValidationSettings(dns.address(), 80, closedPort,
                Duration.ofSeconds(5)));

        ValidationFailure failure = assertThrows(ValidationFailure.class,
                () -> check.check("dns", "shop.example", TOKEN, KEY_AUTHORIZATION));
        assertEquals("connection", failure.type());
        assertTrue(failure.detail().contains("127.0.0.1 port " + closedPort), failure.detail());
    }
}
