package io.acmegate.gateway.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An authorization of one account for one identifier (RFC 8555 §7.1.4). For a wildcard order the
 * identifier is the base domain and {@code wildcard} is true.
 *
 * @param challenges what the client may answer to prove control; empty when policy trusted the account and
 *                   created the authorization valid
 */
public record Authorization(String id, String accountId, Identifier identifier, boolean wildcard,
                            AuthorizationStatus status, Instant expires, List<Challenge> challenges) {
    public Authorization {
        challenges = challenges == null ? List.of() : List.copyOf(challenges);
    }

    public Optional<Challenge> challenge(String type) {
        return challenges.stream().filter(c -> c.type().equals(type)).findFirst();
    }

    /**
     * The authorization with one challenge replaced, and, while it is pending, the status that follows from it
     * (§7.1.6); a deactivated or expired one keeps its status.
     */
    public Authorization with(Challenge changed) {
        List<Challenge> next = challenges.stream().map(c -> c.type().equals(changed.type()) ? changed : c).toList();
        AuthorizationStatus nextStatus = status != AuthorizationStatus.PENDING ? status : switch (changed.status()) {
            case VALID -> AuthorizationStatus.VALID;
            case INVALID -> AuthorizationStatus.INVALID;
            default -> status;
        };
        return new Authorization(id, accountId, identifier, wildcard, nextStatus, expires, next);
    }

    public Authorization withStatus(AuthorizationStatus next) {
        return new Authorization(id, accountId, identifier, wildcard, next, expires, challenges);
    }

    /** RFC 8555 §7.1.6: a pending or valid authorization past its expiry is expired. */
    public AuthorizationStatus statusAt(Instant now) {
        boolean live = status == AuthorizationStatus.PENDING || status == AuthorizationStatus.VALID;
        return live && !now.isBefore(expires) ? AuthorizationStatus.EXPIRED : status;
    }
}
