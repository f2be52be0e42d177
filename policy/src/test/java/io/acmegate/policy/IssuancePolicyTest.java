package io.acmegate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IssuancePolicyTest {

    private static final IssuancePolicy DEFAULT = IssuancePolicy.embeddedDefault();
    private static final NameGrant EXAMPLE_GRANT = NameGrant.parse(List.of("example.com", "*.example.com"));

    private static String rejection(NameDecision decision) {
        return assertInstanceOf(NameDecision.Rejected.class, decision).reason();
    }

    private static String trust(NameDecision decision) {
        return assertInstanceOf(NameDecision.Trusted.class, decision).reason();
    }

    @Test
    void embeddedDefaultOpensTestAndLocalhost() {
        assertEquals(List.of("test", "localhost"), DEFAULT.openSuffixes());
        assertEquals(List.of(), DEFAULT.validatePatterns());
        assertEquals(List.of(), IssuancePolicy.of(List.of("test")).validatePatterns());
    }

    @Test
    void rejectsBadSyntaxWithTheSyntaxReason() {
        String expected = DnsNameSyntax.problem("a_b.example.com").orElseThrow();
        assertEquals(expected, rejection(DEFAULT.decide("a_b.example.com", EXAMPLE_GRANT)));
    }

    @Test
    void rejectsBadSyntaxEvenUnderAnOpenSuffix() {
        assertTrue(rejection(DEFAULT.decide("*.test", NameGrant.none())).contains("wildcard"));
        assertTrue(rejection(DEFAULT.decide("test", NameGrant.none())).contains("two labels"));
        assertTrue(rejection(DEFAULT.decide("host.test.", NameGrant.none())).contains("trailing dot"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "www.example.com", "*.example.com", "*.a.example.com"})
    void trustsNamesTheGrantCovers(String name) {
        assertEquals("granted by the account's external account binding",
                trust(DEFAULT.decide(name, EXAMPLE_GRANT)));
    }

    @Test
    void grantTakesPrecedenceOverOpenSuffixes() {
        NameGrant grant = NameGrant.parse(List.of("*.lab.test"));
        assertEquals("granted by the account's external account binding",
                trust(DEFAULT.decide("host.lab.test", grant)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"host.test", "a.b.test", "*.lab.test", "app.localhost", "*.dev.localhost"})
    void trustsNamesUnderOpenSuffixesForEveryAccount(String name) {
        assertInstanceOf(NameDecision.Trusted.class, DEFAULT.decide(name, NameGrant.none()));
        assertInstanceOf(NameDecision.Trusted.class, DEFAULT.decide(name, EXAMPLE_GRANT));
    }

    @Test
    void openSuffixReasonNamesTheSuffixAndTheEmbeddedDefault() {
        assertEquals("names under .test are open to every account on the embedded default",
                trust(DEFAULT.decide("host.test", NameGrant.none())));
        assertEquals("names under .localhost are open to every account on the embedded default",
                trust(DEFAULT.decide("app.localhost", NameGrant.none())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.test.com", "host.mytest", "app.notlocalhost", "mytest.com", "localhost.example.com",
        "footest.org"})
    void doesNotOpenNamesThatMerelyContainAnOpenSuffix(String name) {
        assertInstanceOf(NameDecision.Rejected.class, DEFAULT.decide(name, NameGrant.none()));
    }

    @Test
    void rejectsUncoveredNameForAccountWithoutEab() {
        assertEquals("example.org needs an account registered with an external account binding key that lists it",
                rejection(DEFAULT.decide("example.org", NameGrant.none())));
    }

    @Test
    void rejectsUncoveredNameForAccountWithEab() {
        assertEquals("example.org is not among the names this account's external account binding allows",
                rejection(DEFAULT.decide("example.org", EXAMPLE_GRANT)));
        assertEquals("badexample.com is not among the names this account's external account binding allows",
                rejection(DEFAULT.decide("badexample.com", EXAMPLE_GRANT)));
    }

    @Test
    void configuredPolicyUsesItsOwnSuffixes() {
        IssuancePolicy policy = IssuancePolicy.of(List.of("Internal.Example.NET", "test", "test"));
        assertEquals(List.of("internal.example.net", "test"), policy.openSuffixes());
        assertEquals("names under .internal.example.net are open to every account by this gateway's policy",
                trust(policy.decide("db.internal.example.net", NameGrant.none())));
        // The suffix itself is not below the suffix.
        assertInstanceOf(NameDecision.Rejected.class, policy.decide("internal.example.net", NameGrant.none()));
        assertInstanceOf(NameDecision.Rejected.class, policy.decide("app.localhost", NameGrant.none()));
    }

    @Test
    void policyWithoutOpenSuffixesTrustsOnlyGrants() {
        IssuancePolicy closed = IssuancePolicy.of(List.of());
        assertInstanceOf(NameDecision.Rejected.class, closed.decide("host.test", NameGrant.none()));
        assertInstanceOf(NameDecision.Trusted.class, closed.decide("www.example.com", EXAMPLE_GRANT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".test", "test.", "*.test", "a..b", "te_st", "-test", "bücher"})
    void rejectsInvalidOpenSuffixesWithOneLine(String suffix) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IssuancePolicy.of(List.of(suffix)));
        assertTrue(e.getMessage().startsWith("open suffix"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void openSuffixesCannotBeChanged() {
        assertThrows(UnsupportedOperationException.class, () -> DEFAULT.openSuffixes().add("com"));
        assertThrows(UnsupportedOperationException.class,
                () -> IssuancePolicy.of(List.of("test")).openSuffixes().add("com"));
    }

    @Test
    void decisionsCanBeSwitchedOnExhaustively() {
        NameDecision decision = DEFAULT.decide("host.test", NameGrant.none());
        String kind = switch (decision) {
            case NameDecision.Trusted t -> "trusted";
            case NameDecision.Validate v -> "validate";
            case NameDecision.Rejected r -> "rejected";
        };
        assertEquals("trusted", kind);
    }

    @Test
    void requiresAGrant() {
        assertThrows(NullPointerException.class, () -> DEFAULT.decide("host.test", null));
    }
}
