package io.acmegate.policy;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What one upstream CA account can serve, as configured by the operator. Routing uses it to skip an
 * account that would refuse an order, rather than send the order and fail on it.
 *
 * <p>Immutable; validated on construction.
 *
 * @param name          the account's configured name, unique among upstreams, not blank
 * @param wildcards     whether the CA issues wildcard names ("*.example.com")
 * @param ipIdentifiers whether the CA issues for IP address identifiers (RFC 8738)
 * @param maxNames      the most identifiers (DNS names plus IP addresses) one order may hold, at least 1
 *                      (Let's Encrypt: 100)
 * @param profiles      the certificate profiles the CA offers (draft-ietf-acme-profiles), possibly empty;
 *                      copied
 * @param maxLifetime   the longest certificate lifetime the CA issues when an order asks for one with
 *                      {@code notAfter} (RFC 8555 §7.4), positive; {@code null} when the CA decides the
 *                      lifetime itself and accepts no requested lifetime (Let's Encrypt refuses
 *                      {@code notBefore}/{@code notAfter})
 */
public record UpstreamCapabilities(String name, boolean wildcards, boolean ipIdentifiers, int maxNames,
        Set<String> profiles, Duration maxLifetime) {

    public UpstreamCapabilities {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(profiles, "profiles");
        if (name.isBlank()) {
            throw new IllegalArgumentException("upstream name is blank");
        }
        if (maxNames < 1) {
            throw new IllegalArgumentException(
                    "upstream \"" + name + "\": maxNames must be at least 1, not " + maxNames);
        }
        if (maxLifetime != null && (maxLifetime.isNegative() || maxLifetime.isZero())) {
            throw new IllegalArgumentException(
                    "upstream \"" + name + "\": maxLifetime must be positive, not " + maxLifetime);
        }
        profiles = Set.copyOf(profiles);
    }

    /**
     * Why this CA cannot serve the order, as one line naming every obstacle ("does not issue wildcards,
     * has no profile 'shortlived'"), or null when it can.
     */
    String obstacles(OrderShape order) {
        StringBuilder why = new StringBuilder();
        if (!wildcards && order.hasWildcard()) {
            append(why, "does not issue wildcards");
        }
        if (!ipIdentifiers && order.ipCount() > 0) {
            append(why, "does not issue for IP addresses");
        }
        if (order.identifierCount() > maxNames) {
            append(why, "takes at most " + maxNames + (maxNames == 1 ? " name" : " names")
                    + " per order (this order has " + order.identifierCount() + ")");
        }
        if (order.profile() != null && !profiles.contains(order.profile())) {
            append(why, "has no profile '" + DnsNameSyntax.printable(order.profile()) + "'");
        }
        if (order.requestedLifetime() != null) {
            if (maxLifetime == null) {
                append(why, "does not accept a requested lifetime");
            } else if (order.requestedLifetime().compareTo(maxLifetime) > 0) {
                append(why, "issues at most " + Durations.describe(maxLifetime) + " (this order asks for "
                        + Durations.describe(order.requestedLifetime()) + ")");
            }
        }
        return why.isEmpty() ? null : why.toString();
    }

    private static void append(StringBuilder why, String obstacle) {
        if (!why.isEmpty()) {
            why.append(", ");
        }
        why.append(obstacle);
    }
}
