package io.acmegate.policy;

import java.util.List;

/**
 * A routing rule: orders whose names all match some of these patterns go to these upstream CA accounts,
 * tried in this order. Immutable; {@link CaRouting#of} checks that the upstreams exist. The constructor
 * throws IllegalArgumentException (one line) if a list is empty or an upstream is listed twice.
 *
 * @param names     the patterns, not empty; copied; a name matches the rule if it matches any pattern
 * @param upstreams the upstream account names in the order to try them, not empty, no duplicates; copied
 */
public record RouteRule(List<NamePattern> names, List<String> upstreams) {

    public RouteRule {
        names = List.copyOf(names);
        upstreams = List.copyOf(upstreams);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("route rule for " + upstreams + " has no name patterns");
        }
        if (upstreams.isEmpty()) {
            throw new IllegalArgumentException("route rule for names " + names + " lists no upstreams");
        }
        CaRouting.checkNoDuplicates(upstreams, "route rule for names " + names);
    }

    /** Parses the patterns as {@link NamePattern#parse} does. */
    public static RouteRule of(List<String> patterns, List<String> upstreams) {
        return new RouteRule(patterns.stream().map(NamePattern::parse).toList(), upstreams);
    }

    /**
     * Whether every identifier of the order matches one of the patterns. An order with IP identifiers
     * never matches: patterns name DNS names only.
     */
    boolean coversAll(OrderShape order) {
        if (order.ipCount() > 0 || order.dnsNames().isEmpty()) {
            return false;
        }
        return order.dnsNames().stream()
                .allMatch(name -> names.stream().anyMatch(pattern -> pattern.matches(name)));
    }

    @Override
    public String toString() {
        return names + " -> " + upstreams;
    }
}
