package io.acmegate.gateway.model;

import java.time.Instant;

/**
 * A record on the challenge board: a TXT value at a DNS name (dns-01) or a key authorization for a
 * token (http-01), served until it is withdrawn or expires.
 *
 * @param key   the name (lower case, no trailing dot) or the token
 * @param value the TXT value or the key authorization
 */
public record PublishedChallenge(Kind kind, String key, String value, Instant expires) {
    public enum Kind { TXT, HTTP_TOKEN }

    /** The store's key: one entry per name and value, one per token. */
    public String storeKey() {
        return kind == Kind.TXT ? "txt " + key + " " + value : "http " + key;
    }
}
