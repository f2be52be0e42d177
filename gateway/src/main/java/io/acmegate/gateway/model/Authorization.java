package io.acmegate.gateway.model;

import java.time.Instant;

/**
 * An authorization of one account for one identifier (RFC 8555 §7.1.4). For a wildcard order the
 * identifier is the base domain and {@code wildcard} is true.
 */
public record Authorization(String id, String accountId, Identifier identifier, boolean wildcard,
                            AuthorizationStatus status, Instant expires) {

    /** RFC 8555 §7.1.6: a pending or valid authorization past its expiry is expired. */
    public AuthorizationStatus statusAt(Instant now) {
        boolean live = status == AuthorizationStatus.PENDING || status == AuthorizationStatus.VALID;
        return live && !now.isBefore(expires) ? AuthorizationStatus.EXPIRED : status;
    }
}
