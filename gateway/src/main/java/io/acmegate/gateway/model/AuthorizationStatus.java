package io.acmegate.gateway.model;

/** RFC 8555 §7.1.6, authorization objects. */
public enum AuthorizationStatus {
    PENDING, VALID, INVALID, DEACTIVATED, EXPIRED, REVOKED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
