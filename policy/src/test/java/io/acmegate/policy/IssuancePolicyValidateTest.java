package io.acmegate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IssuancePolicyValidateTest {
    private static final NameGrant EXAMPLE_GRANT = NameGrant.parse(List.of("example.com", "*.example.com"));
    private static final IssuancePolicy SHOP = IssuancePolicy.of(List.of("test"),
            List.of("shop.example.org", "*.example.net", "192.0.2.0/24", "2001:db8::/32"));
    private static final IssuancePolicy EVERYTHING = IssuancePolicy.of(List.of(), List.of("*", "0.0.0.0/0", "::/0"));

    private static String validate(NameDecision decision) {
        return assertInstanceOf(NameDecision.Validate.class, decision).reason();
    }

    private static String rejection(NameDecision decision) {
        return assertInstanceOf(NameDecision.Rejected.class, decision).reason();
    }

    @Test
    void keepsEntriesInOrderLowerCasedAndOnce() {
        IssuancePolicy policy = IssuancePolicy.of(List.of(),
                List.of("Shop.Example.ORG", "10.0.0.0/8", "shop.example.org"));
        assertEquals(List.of("shop.example.org", "10.0.0.0/8"), policy.validatePatterns());
        assertThrows(UnsupportedOperationException.class, () -> policy.validatePatterns().add("*"));
        assertTrue(policy.toString().contains("validate=[shop.example.org, 10.0.0.0/8]"), policy.toString());
    }

    @Test
    void exactEntryCoversOnlyThatName() {
        assertEquals("names matching shop.example.org may be had by proving control (http-01, dns-01, tls-alpn-01)",
                validate(SHOP.decide("shop.example.org", NameGrant.none())));
        rejection(SHOP.decide("www.shop.example.org", NameGrant.none()));
        rejection(SHOP.decide("*.shop.example.org", NameGrant.none()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"www.example.net", "a.b.example.net", "*.a.example.net"})
    void subtreeEntryCoversNamesBelowIt(String name) {
        assertTrue(validate(SHOP.decide(name, NameGrant.none())).startsWith("names matching *.example.net "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.net", "badexample.net", "example.net.evil.com"})
    void subtreeEntryDoesNotCoverItsBaseOrLookAlikes(String name) {
        rejection(SHOP.decide(name, NameGrant.none()));
    }

    @Test
    void wildcardReasonNamesOnlyDns01() {
        assertEquals("names matching *.example.net may be had by proving control"
                + " (dns-01, the only challenge for a wildcard)",
                validate(SHOP.decide("*.example.net", NameGrant.none())));
    }

    @Test
    void starCoversEveryValidNameButNotBadSyntax() {
        validate(EVERYTHING.decide("anything.example", NameGrant.none()));
        validate(EVERYTHING.decide("*.deep.anything.example", NameGrant.none()));
        assertEquals(DnsNameSyntax.problem("a_b.example").orElseThrow(),
                rejection(EVERYTHING.decide("a_b.example", NameGrant.none())));
        assertTrue(rejection(EVERYTHING.decide("192.0.2.1", NameGrant.none())).contains("RFC 8738"));
    }

    @Test
    void topLevelSubtreeIsAllowedForValidation() {
        IssuancePolicy comOnly = IssuancePolicy.of(List.of(), List.of("*.com"));
        validate(comOnly.decide("example.com", NameGrant.none()));
        validate(comOnly.decide("*.example.com", NameGrant.none()));
        rejection(comOnly.decide("example.org", NameGrant.none()));
    }

    @Test
    void grantAndOpenSuffixComeBeforeValidation() {
        IssuancePolicy policy = IssuancePolicy.of(List.of("test"), List.of("*"));
        assertInstanceOf(NameDecision.Trusted.class, policy.decide("www.example.com", EXAMPLE_GRANT));
        assertInstanceOf(NameDecision.Trusted.class, policy.decide("host.test", NameGrant.none()));
        assertInstanceOf(NameDecision.Validate.class, policy.decide("www.example.com", NameGrant.none()));
    }

    @Test
    void rejectionAddsAHintWhenValidateEntriesDoNotMatch() {
        assertEquals("example.com needs an account registered with an external account binding key that lists it,"
                + " nor among the names this gateway lets accounts prove control of",
                rejection(SHOP.decide("example.com", NameGrant.none())));
        assertEquals("example.org is not among the names this account's external account binding allows,"
                + " nor among the names this gateway lets accounts prove control of",
                rejection(SHOP.decide("example.org", EXAMPLE_GRANT)));
    }

    @Test
    void rejectionKeepsItsWordingWhenOnlyRangesAreConfigured() {
        IssuancePolicy ipsOnly = IssuancePolicy.of(List.of(), List.of("192.0.2.0/24"));
        assertEquals("example.org needs an account registered with an external account binding key that lists it",
                rejection(ipsOnly.decide("example.org", NameGrant.none())));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "192.0.2.7|addresses in 192.0.2.0/24 may be had by proving control (http-01, tls-alpn-01)",
        "2001:db8::1|addresses in 2001:db8::/32 may be had by proving control (http-01, tls-alpn-01)",
        "2001:db8:ffff:1::|addresses in 2001:db8::/32 may be had by proving control (http-01, tls-alpn-01)"})
    void validatesAddressesInARange(String address, String reason) {
        assertEquals(reason, validate(SHOP.decideIp(address, NameGrant.none())));
    }

    @Test
    void rejectsAddressesOutsideTheRanges() {
        assertEquals("192.0.3.1 is outside the address ranges this gateway lets accounts prove control of",
                rejection(SHOP.decideIp("192.0.3.1", NameGrant.none())));
        assertEquals("2001:db9::1 is outside the address ranges this gateway lets accounts prove control of",
                rejection(SHOP.decideIp("2001:db9::1", NameGrant.none())));
    }

    @Test
    void rejectsEveryAddressWithoutRanges() {
        assertEquals("192.0.2.1: this gateway's policy allows no IP address identifiers",
                rejection(IssuancePolicy.embeddedDefault().decideIp("192.0.2.1", EXAMPLE_GRANT)));
        rejection(IssuancePolicy.of(List.of(), List.of("*")).decideIp("::1", NameGrant.none()));
    }

    @Test
    void everyAddressInTheWholeRanges() {
        validate(EVERYTHING.decideIp("203.0.113.9", NameGrant.none()));
        validate(EVERYTHING.decideIp("::1", NameGrant.none()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2001:DB8::1|2001:db8::1",
        "192.0.2.01|192.0.2.1",
        "::ffff:192.0.2.1|192.0.2.1",
        "2001:db8:0:0:0:0:0:1|2001:db8::1",
        "2001:0db8::1|2001:db8::1"})
    void rejectsNonCanonicalTextNamingTheCanonicalForm(String address, String canonical) {
        assertEquals("\"" + address + "\" is not in canonical form; write it as \"" + canonical
                + "\" (RFC 8738 §3, RFC 5952)", rejection(EVERYTHING.decideIp(address, NameGrant.none())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "example.com", "localhost", "192.0.2", "192.0.2.256", "1.2.3.4.5", "0x7f.0.0.1",
        "[::1]", "fe80::1%eth0", "1::2::3", "192.0.2.0/24", " 192.0.2.1"})
    void rejectsWhatIsNotAnAddressLiteral(String value) {
        assertEquals("\"" + value + "\" is not an IPv4 or IPv6 address",
                rejection(EVERYTHING.decideIp(value, NameGrant.none())));
    }

    @Test
    void addressMessagesStayOnOneLine() {
        String reason = rejection(EVERYTHING.decideIp("1.2.3.4\nInjected: yes", NameGrant.none()));
        assertEquals("\"1.2.3.4U+000AInjected: yes\" is not an IPv4 or IPv6 address", reason);
    }

    @Test
    void decideIpRequiresItsArguments() {
        assertThrows(NullPointerException.class, () -> SHOP.decideIp(null, NameGrant.none()));
        assertThrows(NullPointerException.class, () -> SHOP.decideIp("192.0.2.1", null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|validate entry is empty",
        "a_b.example.com|validate entry \"a_b.example.com\" is not valid: the label \"a_b\" contains \"_\";"
                + " only a-z, 0-9 and \"-\" are allowed",
        "*.|validate entry \"*.\" is not valid:",
        "x.*.example.com|validate entry \"x.*.example.com\" is not valid:",
        "192.0.2.1|validate entry \"192.0.2.1\" is an address without a prefix length; write it as \"192.0.2.1/32\"",
        "2001:db8::1|validate entry \"2001:db8::1\" is an address without a prefix length;"
                + " write it as \"2001:db8::1/128\"",
        "192.0.2.0/33|validate entry \"192.0.2.0/33\" is not a valid CIDR range: prefix length out of range:"
                + " 192.0.2.0/33",
        "example.com/24|validate entry \"example.com/24\" is not a valid CIDR range: not an IP address literal:"
                + " example.com",
        "1.2/8|validate entry \"1.2/8\" is not a valid CIDR range:"})
    void refusesBadEntriesWithOneLineNamingThem(String entry, String messageStart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IssuancePolicy.of(List.of(), List.of("ok.example.com", entry)));
        assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void refusesNullEntries() {
        assertThrows(NullPointerException.class, () -> IssuancePolicy.of(List.of(), null));
        assertThrows(NullPointerException.class,
                () -> IssuancePolicy.of(List.of(), java.util.Arrays.asList("x.example", null)));
    }
}
