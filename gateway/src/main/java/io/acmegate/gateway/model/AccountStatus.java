package io.acmegate.gateway.model;

/** RFC 8555 §7.1.6: an account is valid until the client deactivates it or the server revokes it. */
public enum AccountStatus {
    VALID, DEACTIVATED, REVOKED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
