package io.acmegate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class CaRoutingTest {

    /** The built-in local CA: anything, any lifetime up to a year, no profiles. */
    private static final UpstreamCapabilities LOCAL =
            new UpstreamCapabilities("local", true, true, 1000, Set.of(), Duration.ofDays(365));
    /** Let's Encrypt-like: wildcards, IPs only with "shortlived", 100 names, lifetime decided by the CA. */
    private static final UpstreamCapabilities CA_A =
            new UpstreamCapabilities("ca-a", true, false, 100, Set.of("classic", "shortlived"), null);
    /** A commercial CA: no wildcards, 10 names, lifetimes up to 90 days. */
    private static final UpstreamCapabilities CA_B =
            new UpstreamCapabilities("ca-b", false, true, 10, Set.of("classic"), Duration.ofDays(90));

    private static final Map<String, UpstreamCapabilities> UPSTREAMS =
            Map.of("local", LOCAL, "ca-a", CA_A, "ca-b", CA_B);

    private static final CaRouting ROUTING = CaRouting.of(
            List.of(RouteRule.of(List.of("*.internal.example.com", "intranet.example.com"), List.of("local")),
                    RouteRule.of(List.of("*.shop.example.com"), List.of("ca-b", "ca-a"))),
            List.of("ca-a", "ca-b"),
            UPSTREAMS);

    private static RoutePlan plan(String... names) {
        return ROUTING.plan(OrderShape.ofDnsNames(List.of(names)));
    }

    private static String configFailure(Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void namesCoveredByARuleFollowItsRoute() {
        RoutePlan plan = plan("db.internal.example.com", "intranet.example.com");
        assertEquals(List.of("local"), plan.candidates());
        assertEquals(List.of(), plan.skipped());
    }

    @Test
    void namesNoRuleCoversFollowTheDefaultRoute() {
        assertEquals(List.of("ca-a", "ca-b"), plan("www.example.com", "example.com").candidates());
    }

    @Test
    void theSecondRuleAppliesWhenTheFirstDoesNotCoverTheOrder() {
        assertEquals(List.of("ca-b", "ca-a"), plan("a.shop.example.com", "b.shop.example.com").candidates());
    }

    @Test
    void firstRuleThatCoversEveryNameWins() {
        CaRouting overlapping = CaRouting.of(
                List.of(RouteRule.of(List.of("*.example.com"), List.of("ca-b")),
                        RouteRule.of(List.of("*.internal.example.com"), List.of("local"))),
                List.of("ca-a"), UPSTREAMS);
        assertEquals(List.of("ca-b"), overlapping.plan(OrderShape.ofDnsNames(List.of("x.internal.example.com")))
                .candidates());
    }

    @Test
    void aLaterRuleWinsWhenOnlyItCoversEveryName() {
        CaRouting routing = CaRouting.of(
                List.of(RouteRule.of(List.of("a.example.com"), List.of("local")),
                        RouteRule.of(List.of("a.example.com", "b.example.com"), List.of("ca-b"))),
                List.of("ca-a"), UPSTREAMS);
        assertEquals(List.of("ca-b"),
                routing.plan(OrderShape.ofDnsNames(List.of("a.example.com", "b.example.com"))).candidates());
        assertEquals(List.of("local"),
                routing.plan(OrderShape.ofDnsNames(List.of("a.example.com"))).candidates());
    }

    @Test
    void mixedOrderSpanningRulesGoesToTheDefaultRoute() {
        // One internal name and one shop name: no single rule covers both.
        assertEquals(List.of("ca-a", "ca-b"), plan("db.internal.example.com", "a.shop.example.com").candidates());
        // One internal name and one public name.
        assertEquals(List.of("ca-a", "ca-b"), plan("db.internal.example.com", "www.example.com").candidates());
    }

    @Test
    void ruleMatchingIsCaseInsensitive() {
        assertEquals(List.of("local"), plan("DB.Internal.Example.COM").candidates());
    }

    @Test
    void subtreePatternDoesNotCoverItsBase() {
        assertEquals(List.of("ca-a", "ca-b"), plan("internal.example.com").candidates());
    }

    @Test
    void ordersWithIpIdentifiersFollowTheDefaultRoute() {
        RoutePlan plan = ROUTING.plan(new OrderShape(List.of("db.internal.example.com"), 1, null, null));
        assertEquals(List.of("ca-b"), plan.candidates());
        assertEquals(List.of(new RoutePlan.Skipped("ca-a", "does not issue for IP addresses")), plan.skipped());
        assertEquals(List.of("ca-b"), ROUTING.plan(new OrderShape(List.of(), 2, null, null)).candidates());
    }

    @Test
    void wildcardSkipsACaWithoutWildcards() {
        RoutePlan plan = plan("*.shop.example.com");
        assertEquals(List.of("ca-a"), plan.candidates());
        assertEquals(List.of(new RoutePlan.Skipped("ca-b", "does not issue wildcards")), plan.skipped());
    }

    @Test
    void tooManyNamesSkipsACaWithASmallerLimit() {
        List<String> names = java.util.stream.IntStream.rangeClosed(1, 11).mapToObj(i -> "h" + i + ".example.com")
                .toList();
        RoutePlan plan = ROUTING.plan(OrderShape.ofDnsNames(names));
        assertEquals(List.of("ca-a"), plan.candidates());
        assertEquals("takes at most 10 names per order (this order has 11)", plan.skipped().get(0).reason());
    }

    @Test
    void nameLimitCountsIpIdentifiersToo() {
        RoutePlan atLimit = ROUTING.plan(new OrderShape(List.of("a.example.com"), 9, null, null));
        assertEquals(List.of("ca-b"), atLimit.candidates());
        RoutePlan over = ROUTING.plan(new OrderShape(List.of("a.example.com"), 10, null, null));
        assertEquals(List.of(), over.candidates());
        assertEquals("ca-b takes at most 10 names per order (this order has 11)", over.skipped().get(1).toString());
    }

    @Test
    void singularNameLimitReadsWell() {
        UpstreamCapabilities one = new UpstreamCapabilities("one", true, true, 1, Set.of(), null);
        CaRouting routing = CaRouting.of(List.of(), List.of("one"), Map.of("one", one));
        RoutePlan plan = routing.plan(OrderShape.ofDnsNames(List.of("a.example.com", "b.example.com")));
        assertEquals("takes at most 1 name per order (this order has 2)", plan.skipped().get(0).reason());
    }

    @Test
    void requestedProfileSkipsCasWithoutIt() {
        RoutePlan plan = ROUTING.plan(new OrderShape(List.of("www.example.com"), 0, "shortlived", null));
        assertEquals(List.of("ca-a"), plan.candidates());
        assertEquals(List.of(new RoutePlan.Skipped("ca-b", "has no profile 'shortlived'")), plan.skipped());
        assertEquals(List.of("ca-a", "ca-b"),
                ROUTING.plan(new OrderShape(List.of("www.example.com"), 0, "classic", null)).candidates());
    }

    @Test
    void gatewayProfileAsksEachUpstreamForItsMappedProfile() {
        // ca-a has "shortlived", ca-b has none of that name; the local CA is asked for nothing.
        CertificateProfile short6 = new CertificateProfile("six-days", "6-day certificates", Duration.ofDays(6),
                Map.of("ca-a", "shortlived", "ca-b", "shortlived"));
        OrderShape order = new OrderShape(List.of("www.example.com"), 0, "six-days", null);
        RoutePlan plan = ROUTING.plan(order, short6);
        assertEquals(List.of("ca-a"), plan.candidates());
        assertEquals(List.of(new RoutePlan.Skipped("ca-b", "has no profile 'shortlived'")), plan.skipped());

        CertificateProfile onlyA = new CertificateProfile("a-short", "d", Duration.ofDays(6),
                Map.of("ca-a", "shortlived"));
        assertEquals(List.of("ca-a", "ca-b"), ROUTING.plan(order, onlyA).candidates(),
                "an upstream the profile does not name is asked for no profile");
        assertEquals(List.of("local"), ROUTING.plan(
                new OrderShape(List.of("db.internal.example.com"), 0, "six-days", null), short6).candidates());
        assertThrows(NullPointerException.class, () -> ROUTING.plan(order, null));
    }

    @Test
    void withProfileChangesOnlyTheProfile() {
        OrderShape order = new OrderShape(List.of("a.example.com"), 2, "x", Duration.ofDays(1));
        assertEquals(new OrderShape(List.of("a.example.com"), 2, null, Duration.ofDays(1)), order.withProfile(null));
        assertEquals("y", order.withProfile("y").profile());
    }

    @Test
    void profileNamesCompareExactly() {
        RoutePlan plan = ROUTING.plan(new OrderShape(List.of("www.example.com"), 0, "Classic", null));
        assertEquals(List.of(), plan.candidates());
    }

    @Test
    void requestedLifetimeSkipsCasThatDecideTheLifetimeOrIssueShorter() {
        RoutePlan within = ROUTING.plan(new OrderShape(List.of("www.example.com"), 0, null, Duration.ofDays(90)));
        assertEquals(List.of("ca-b"), within.candidates());
        assertEquals(List.of(new RoutePlan.Skipped("ca-a", "does not accept a requested lifetime")), within.skipped());

        RoutePlan tooLong = ROUTING.plan(new OrderShape(List.of("www.example.com"), 0, null, Duration.ofDays(91)));
        assertEquals(List.of(), tooLong.candidates());
        assertEquals(new RoutePlan.Skipped("ca-b", "issues at most 90 days (this order asks for 91 days)"),
                tooLong.skipped().get(1));
    }

    @Test
    void everyObstacleOfOneCaIsNamed() {
        RoutePlan plan = ROUTING.plan(new OrderShape(List.of("*.example.com"), 0, "shortlived", Duration.ofDays(100)));
        assertEquals("does not issue wildcards, has no profile 'shortlived', issues at most 90 days"
                + " (this order asks for 100 days)", plan.skipped().get(1).reason());
    }

    @Test
    void noCandidateExplainsEverySkippedCa() {
        RoutePlan plan = ROUTING.plan(new OrderShape(List.of("*.example.com"), 1, null, null));
        assertTrue(plan.isEmpty());
        assertEquals("no upstream CA can serve this order: ca-a does not issue for IP addresses;"
                + " ca-b does not issue wildcards", plan.whyNoCandidate());
    }

    @Test
    void skippingKeepsRouteOrderOfTheRest() {
        CaRouting routing = CaRouting.of(List.of(), List.of("ca-b", "local", "ca-a"), UPSTREAMS);
        RoutePlan plan = routing.plan(OrderShape.ofDnsNames(List.of("*.example.com")));
        assertEquals(List.of("local", "ca-a"), plan.candidates());
    }

    @Test
    void upstreamsInUseListsEachRoutedUpstreamOnce() {
        assertEquals(List.of("local", "ca-b", "ca-a"), ROUTING.upstreamsInUse());
        CaRouting unusedLocal = CaRouting.of(List.of(), List.of("ca-a"), UPSTREAMS);
        assertEquals(List.of("ca-a"), unusedLocal.upstreamsInUse());
    }

    @Test
    void ruleNamingAnUnknownUpstreamIsRefused() {
        String message = configFailure(() -> CaRouting.of(
                List.of(RouteRule.of(List.of("*.example.com"), List.of("ca-c"))), List.of("ca-a"), UPSTREAMS));
        assertEquals("route rule for names [*.example.com] names upstream \"ca-c\", which is not configured"
                + " (known: [ca-a, ca-b, local])", message);
    }

    @Test
    void defaultRouteNamingAnUnknownUpstreamIsRefused() {
        assertTrue(configFailure(() -> CaRouting.of(List.of(), List.of("ca-a", "nope"), UPSTREAMS))
                .startsWith("the default CA route names upstream \"nope\""));
    }

    @Test
    void emptyRoutesAreRefused() {
        assertEquals("the default CA route lists no upstreams",
                configFailure(() -> CaRouting.of(List.of(), List.of(), UPSTREAMS)));
        assertEquals("route rule for names [*.example.com] lists no upstreams",
                configFailure(() -> RouteRule.of(List.of("*.example.com"), List.of())));
        assertEquals("route rule for [ca-a] has no name patterns",
                configFailure(() -> RouteRule.of(List.of(), List.of("ca-a"))));
    }

    @Test
    void upstreamListedTwiceInARouteIsRefused() {
        assertEquals("the default CA route lists upstream \"ca-a\" twice",
                configFailure(() -> CaRouting.of(List.of(), List.of("ca-a", "ca-b", "ca-a"), UPSTREAMS)));
        assertEquals("route rule for names [*.example.com] lists upstream \"ca-b\" twice",
                configFailure(() -> RouteRule.of(List.of("*.example.com"), List.of("ca-b", "ca-b"))));
    }

    @Test
    void upstreamKeyMustBeItsName() {
        assertEquals("upstream configured as \"ca-x\" carries the name \"ca-a\"",
                configFailure(() -> CaRouting.of(List.of(), List.of("ca-x"), Map.of("ca-x", CA_A))));
    }

    @Test
    void badPatternInARuleIsRefusedWithThePatternsMessage() {
        assertTrue(configFailure(() -> RouteRule.of(List.of("*.com"), List.of("ca-a"))).contains("too broad"));
    }

    @Test
    void routingDoesNotShareTheCallersLists() {
        List<String> route = new java.util.ArrayList<>(List.of("ca-a"));
        CaRouting routing = CaRouting.of(List.of(), route, UPSTREAMS);
        route.add("ca-b");
        assertEquals(List.of("ca-a"), routing.plan(OrderShape.ofDnsNames(List.of("a.example.com"))).candidates());
    }

    @Test
    void capabilitiesAreValidated() {
        assertEquals("upstream \"x\": maxNames must be at least 1, not 0",
                configFailure(() -> new UpstreamCapabilities("x", true, true, 0, Set.of(), null)));
        assertEquals("upstream name is blank",
                configFailure(() -> new UpstreamCapabilities(" ", true, true, 1, Set.of(), null)));
        assertTrue(configFailure(() -> new UpstreamCapabilities("x", true, true, 1, Set.of(), Duration.ZERO))
                .contains("maxLifetime must be positive"));
        assertThrows(NullPointerException.class, () -> new UpstreamCapabilities("x", true, true, 1, null, null));
    }

    @Test
    void orderShapeIsValidated() {
        assertEquals("an order needs at least one identifier",
                configFailure(() -> new OrderShape(List.of(), 0, null, null)));
        assertTrue(configFailure(() -> new OrderShape(List.of("a.example.com"), -1, null, null)).contains("negative"));
        assertTrue(configFailure(() -> new OrderShape(List.of("a.example.com"), 0, " ", null)).contains("blank"));
        assertTrue(configFailure(() -> new OrderShape(List.of("a.example.com"), 0, null, Duration.ofDays(-1)))
                .contains("positive"));
        assertThrows(NullPointerException.class, () -> ROUTING.plan(null));
    }

    @Test
    void orderShapeCountsIdentifiersAndWildcards() {
        OrderShape shape = new OrderShape(List.of("a.example.com", "*.example.com"), 3, null, null);
        assertEquals(5, shape.identifierCount());
        assertTrue(shape.hasWildcard());
        assertFalse(OrderShape.ofDnsNames(List.of("a.example.com")).hasWildcard());
    }
}
