package io.acmegate.gateway.validation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Dns01CheckTest {
    private static final String TOKEN = "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA";
    private static final String KEY_AUTHORIZATION = TOKEN + ".9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI";
    private static final String TXT = KeyAuthorizations.txtValue(KEY_AUTHORIZATION);

    private TestDnsServer dns;
    private ChallengeCheck check;

    @BeforeEach
    void start() throws Exception {
        dns = new TestDnsServer();
        check = ChallengeChecks.dns01(new ValidationSettings(dns.address(), 80, 443, Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    private ValidationFailure failure(String name) {
        return assertThrows(ValidationFailure.class, () -> check.check("dns", name, TOKEN, KEY_AUTHORIZATION));
    }

    @Test
    void findsTheDigestAtTheAcmeChallengeLabel() throws Exception {
        dns.txt("_acme-challenge.shop.example", TXT);

        assertDoesNotThrow(() -> check.check("dns", "shop.example", TOKEN, KEY_AUTHORIZATION));
        assertEquals("_acme-challenge.shop.example TXT", dns.questions().get(0));
    }

    @Test
    void followsACnameDelegationToAnotherZone() throws Exception {
        dns.cname("_acme-challenge.shop.example", "x.acme.example").txt("x.acme.example", TXT);

        assertDoesNotThrow(() -> check.check("dns", "shop.example", TOKEN, KEY_AUTHORIZATION));
        assertTrue(dns.questions().contains("x.acme.example TXT"), dns.questions().toString());
    }

    @Test
    void oneMatchingValueAmongSeveralIsEnough() throws Exception {
        // A wildcard and its base name share the label: both values are published at once.
        dns.txt("_acme-challenge.shop.example", "some-other-authorization").txt("_acme-challenge.shop.example", TXT);

        assertDoesNotThrow(() -> check.check("dns", "shop.example", TOKEN, KEY_AUTHORIZATION));
    }

    @Test
    void wrongValueIsUnauthorizedAndSaysWhatWasFound() throws Exception {
        dns.txt("_acme-challenge.shop.example", "stale-value");

        ValidationFailure failure = failure("shop.example");
        assertEquals("unauthorized", failure.type());
        assertTrue(failure.detail().contains("Found 1 TXT record at _acme-challenge.shop.example"), failure.detail());
        assertTrue(failure.detail().contains("\"stale-value\""), failure.detail());
    }

    @Test
    void countsTheValuesFoundWhenNoneMatches() throws Exception {
        dns.txt("_acme-challenge.shop.example", "one").txt("_acme-challenge.shop.example", "two");

        ValidationFailure failure = failure("shop.example");
        assertEquals("unauthorized", failure.type());
        assertTrue(failure.detail().contains("Found 2 TXT records"), failure.detail());
    }

    @Test
    void nxdomainIsADnsFailure() {
        ValidationFailure failure = failure("shop.example");
        assertEquals("dns", failure.type());
        assertTrue(failure.detail().contains("NXDOMAIN"), failure.detail());
    }

    @Test
    void nameWithoutTxtIsADnsFailure() throws Exception {
        dns.a("_acme-challenge.shop.example", "192.0.2.1");

        ValidationFailure failure = failure("shop.example");
        assertEquals("dns", failure.type());
        assertTrue(failure.detail().contains("No TXT record found at _acme-challenge.shop.example"),
                failure.detail());
    }

    @Test
    void ipIdentifiersCannotUseDns01() {
        ValidationFailure failure = assertThrows(ValidationFailure.class,
                () -> check.check("ip", "127.0.0.1", TOKEN, KEY_AUTHORIZATION));
        assertEquals("malformed", failure.type());
        assertTrue(dns.questions().isEmpty());
    }

    @Test
    void aWildcardIsMalformed() {
        assertEquals("malformed", failure("*.shop.example").type());
    }
}
