package io.acmegate.gateway.model;

/** RFC 8555 §7.1.6, challenge objects: pending until the client responds, processing while validated. */
public enum ChallengeStatus {
    PENDING, PROCESSING, VALID, INVALID;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
