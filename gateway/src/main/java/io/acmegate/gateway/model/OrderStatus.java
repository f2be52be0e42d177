package io.acmegate.gateway.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * The order state machine of RFC 8555 §7.1.6, with its allowed transitions in one place:
 * <pre>
 *   pending --(all authorizations valid)--> ready --(finalize)--> processing --(issued)--> valid
 *      |                                      |                       |
 *      +------ (authorization failed, expired, or issuance failed) ---+--> invalid
 * </pre>
 */
public enum OrderStatus {
    PENDING, READY, PROCESSING, VALID, INVALID;

    public Set<OrderStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(READY, INVALID);
            case READY -> EnumSet.of(PROCESSING, INVALID);
            case PROCESSING -> EnumSet.of(VALID, INVALID);
            case VALID, INVALID -> EnumSet.noneOf(OrderStatus.class);
        };
    }

    public boolean canMoveTo(OrderStatus target) {
        return next().contains(target);
    }

    public boolean isFinal() {
        return next().isEmpty();
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
