package io.acmegate.gateway.model;

import java.time.Instant;
import java.util.List;

/**
 * A label in a delegation zone (the acme-dns model): the owner of {@code domains} points
 * {@code _acme-challenge.<domain>} at {@code <label>.<zone>} with a CNAME, and acmegate publishes the
 * TXT records there.
 *
 * @param domains     the domains this label answers for; empty for an acme-dns registration that named
 *                    none
 * @param credentials acme-dns API credentials of the label, or null for one only the gateway uses
 * @param allowFrom   CIDR ranges an acme-dns update may come from; empty means any
 */
public record Delegation(String label, List<String> domains, ApiCredentials credentials, List<String> allowFrom,
                         Instant createdAt) {
    public Delegation {
        domains = List.copyOf(domains);
        allowFrom = List.copyOf(allowFrom);
    }

    /** An acme-dns user: the password is kept only as a bcrypt hash. */
    public record ApiCredentials(String username, String passwordHash) {
    }

    public Delegation withCredentials(ApiCredentials next) {
        return new Delegation(label, domains, next, allowFrom, createdAt);
    }
}
