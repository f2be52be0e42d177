package io.acmegate.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Which upstream CA accounts an order goes to, and in what order: for example internal names to the
 * local CA only, public names to CA A and then CA B.
 *
 * <p>An order follows the first rule whose patterns cover <em>every</em> name of the order. An order whose
 * names span several rules, or that some name leaves uncovered, or that holds IP identifiers (patterns name
 * DNS names only), follows the default route. So an order mixing an internal and a public name goes to the
 * default route: an operator who wants such orders refused does that in the issuance policy.
 *
 * <p>From the chosen route, {@link #plan} leaves out each account whose {@link UpstreamCapabilities}
 * cannot serve the order (wildcards, IP identifiers, number of names, profile, lifetime), with the
 * reason, so that fallback never spends an attempt on a certain refusal.
 *
 * <p>Built once from configuration; immutable and thread-safe.
 */
public final class CaRouting {
    private final List<RouteRule> rules;
    private final List<String> defaultRoute;
    private final Map<String, UpstreamCapabilities> upstreams;

    private CaRouting(List<RouteRule> rules, List<String> defaultRoute, Map<String, UpstreamCapabilities> upstreams) {
        this.rules = rules;
        this.defaultRoute = defaultRoute;
        this.upstreams = upstreams;
    }

    /**
     * Checks and builds the routing.
     *
     * @param rules        tried in order; may be empty (every order takes the default route); no nulls
     * @param defaultRoute upstream names for orders no rule covers, not empty, no duplicates
     * @param upstreams    every configured upstream by its name; each key must equal its value's
     *                     {@link UpstreamCapabilities#name()}
     * @throws IllegalArgumentException one line naming what is wrong: an empty default route, a route naming
     *                                  an unknown upstream or one upstream twice, a key that is not its
     *                                  upstream's name
     * @throws NullPointerException     if an argument or an element is null
     */
    public static CaRouting of(List<RouteRule> rules, List<String> defaultRoute,
            Map<String, UpstreamCapabilities> upstreams) {
        List<RouteRule> ruleCopy = List.copyOf(rules);
        List<String> defaultCopy = List.copyOf(defaultRoute);
        Map<String, UpstreamCapabilities> upstreamCopy = Map.copyOf(upstreams);
        upstreamCopy.forEach((key, capabilities) -> {
            if (!key.equals(capabilities.name())) {
                throw new IllegalArgumentException("upstream configured as \"" + key
                        + "\" carries the name \"" + capabilities.name() + "\"");
            }
        });
        if (defaultCopy.isEmpty()) {
            throw new IllegalArgumentException("the default CA route lists no upstreams");
        }
        checkNoDuplicates(defaultCopy, "the default CA route");
        checkKnown(defaultCopy, "the default CA route", upstreamCopy);
        for (RouteRule rule : ruleCopy) {
            checkKnown(rule.upstreams(), "route rule for names " + rule.names(), upstreamCopy);
        }
        return new CaRouting(ruleCopy, defaultCopy, upstreamCopy);
    }

    static void checkNoDuplicates(List<String> route, String where) {
        Set<String> seen = new HashSet<>();
        for (String upstream : route) {
            if (!seen.add(Objects.requireNonNull(upstream, "upstream"))) {
                throw new IllegalArgumentException(where + " lists upstream \"" + upstream + "\" twice");
            }
        }
    }

    private static void checkKnown(List<String> route, String where, Map<String, UpstreamCapabilities> upstreams) {
        for (String upstream : route) {
            if (!upstreams.containsKey(upstream)) {
                throw new IllegalArgumentException(where + " names upstream \"" + upstream
                        + "\", which is not configured (known: " + new TreeSet<>(upstreams.keySet()) + ")");
            }
        }
    }

    /**
     * The upstream accounts to try for this order, in route order, each able to serve it, and the route's
     * other accounts with the reason each was skipped. Never null; the candidates are empty when no account
     * of the route can serve the order (see {@link RoutePlan#whyNoCandidate()}).
     */
    public RoutePlan plan(OrderShape order) {
        Objects.requireNonNull(order, "order");
        return plan(order, upstream -> order);
    }

    /**
     * As {@link #plan(OrderShape)} for an order of this gateway certificate profile: each upstream is judged
     * on the profile the profile maps it to ({@link CertificateProfile#upstreamProfile}), or on none when the
     * profile does not name it; the order's own {@link OrderShape#profile()} is ignored.
     *
     * @throws NullPointerException if an argument is null
     */
    public RoutePlan plan(OrderShape order, CertificateProfile profile) {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(profile, "profile");
        return plan(order, upstream -> order.withProfile(profile.upstreamProfile(upstream).orElse(null)));
    }

    private RoutePlan plan(OrderShape order, Function<String, OrderShape> askedOf) {
        List<String> candidates = new ArrayList<>();
        List<RoutePlan.Skipped> skipped = new ArrayList<>();
        for (String upstream : routeFor(order)) {
            String obstacles = upstreams.get(upstream).obstacles(askedOf.apply(upstream));
            if (obstacles == null) {
                candidates.add(upstream);
            } else {
                skipped.add(new RoutePlan.Skipped(upstream, obstacles));
            }
        }
        return new RoutePlan(candidates, skipped);
    }

    /** The route of the first rule that covers every name of the order, else the default route. */
    List<String> routeFor(OrderShape order) {
        for (RouteRule rule : rules) {
            if (rule.coversAll(order)) {
                return rule.upstreams();
            }
        }
        return defaultRoute;
    }

    /** Every upstream some route can use, rules first, each once: the accounts a CAA record must allow. */
    public List<String> upstreamsInUse() {
        Set<String> inUse = new LinkedHashSet<>();
        rules.forEach(rule -> inUse.addAll(rule.upstreams()));
        inUse.addAll(defaultRoute);
        return List.copyOf(inUse);
    }

    @Override
    public String toString() {
        return "CaRouting[rules=" + rules + ", default=" + defaultRoute + "]";
    }
}
