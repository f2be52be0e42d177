package io.acmegate.policy;

import java.time.Duration;
import java.util.List;

/**
 * One order as CA routing sees it: what decides which upstream CA accounts can take it.
 * Immutable; the constructor throws IllegalArgumentException if the order has no identifier at all or a
 * value is out of range.
 *
 * @param dnsNames          the order's DNS identifiers, possibly wildcards ("*.example.com"); copied; no nulls;
 *                          may be empty for an order of IP addresses only
 * @param ipCount           how many IP address identifiers the order holds (RFC 8738), not negative
 * @param profile           the profile to ask the upstream CA for, or null (the CA's default); with
 *                          {@link CaRouting#plan(OrderShape, CertificateProfile)} the gateway profile's mapping
 *                          decides it per upstream instead
 * @param requestedLifetime the lifetime the client asked for ({@code notAfter - notBefore}, RFC 8555 §7.4),
 *                          positive, or null when it asked for none
 */
public record OrderShape(List<String> dnsNames, int ipCount, String profile, Duration requestedLifetime) {

    public OrderShape {
        dnsNames = List.copyOf(dnsNames);
        if (ipCount < 0) {
            throw new IllegalArgumentException("ipCount is negative: " + ipCount);
        }
        if (dnsNames.isEmpty() && ipCount == 0) {
            throw new IllegalArgumentException("an order needs at least one identifier");
        }
        if (profile != null && profile.isBlank()) {
            throw new IllegalArgumentException("profile is blank; use null for no profile");
        }
        if (requestedLifetime != null && (requestedLifetime.isNegative() || requestedLifetime.isZero())) {
            throw new IllegalArgumentException("requested lifetime must be positive, not " + requestedLifetime);
        }
    }

    /** An order of these DNS names only, with no profile and no requested lifetime. */
    public static OrderShape ofDnsNames(List<String> dnsNames) {
        return new OrderShape(dnsNames, 0, null, null);
    }

    /** The same order asking for this profile instead (null for none). */
    public OrderShape withProfile(String otherProfile) {
        return new OrderShape(dnsNames, ipCount, otherProfile, requestedLifetime);
    }

    /** Whether any DNS name is a wildcard ("*.example.com"). */
    public boolean hasWildcard() {
        return dnsNames.stream().anyMatch(name -> name.startsWith("*."));
    }

    /** DNS names plus IP addresses: what a CA's per-order name limit counts. */
    public int identifierCount() {
        return dnsNames.size() + ipCount;
    }
}
