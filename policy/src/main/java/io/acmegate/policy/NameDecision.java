package io.acmegate.policy;

import java.util.Objects;

/**
 * What the policy decided for one DNS name of a new order. Sealed so that the gateway handles every
 * outcome in a switch; later kinds (validate the client itself, ...) are added here.
 */
public sealed interface NameDecision {

    /** Why, in one line: for the problem document's detail or the audit log. */
    String reason();

    /**
     * The account may have the name without proving control of it: its authorization is created valid.
     */
    record Trusted(String reason) implements NameDecision {
        public Trusted {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The account may not have the name (RFC 8555 §6.7 "rejectedIdentifier"). */
    record Rejected(String reason) implements NameDecision {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
