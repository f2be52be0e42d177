package io.acmegate.gateway.acmedns;

import io.acmegate.policy.NameGrant;

/**
 * Who may register with the acme-dns API. acme-dns itself lets anyone register; acmegate can ask for a
 * token and limit the domains a registration names.
 *
 * @param token          required as "Authorization: Bearer TOKEN" on /register, or null for open registration
 * @param allowedDomains the domains a registration may name; {@link NameGrant#none()} for no limit (and
 *                       no domains required)
 */
public record RegistrationPolicy(String token, NameGrant allowedDomains) {
    public static RegistrationPolicy open() {
        return new RegistrationPolicy(null, NameGrant.none());
    }
}
