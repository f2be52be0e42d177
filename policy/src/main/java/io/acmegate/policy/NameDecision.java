package io.acmegate.policy;

import java.util.Objects;

/**
 * What the policy decided for one identifier of a new order (a DNS name or an IP address). Sealed so that
 * the gateway handles every outcome in a switch.
 */
public sealed interface NameDecision {

    /** Why, in one line: for the problem document's detail or the audit log. */
    String reason();

    /**
     * The account may have the identifier without proving control of it: its authorization is created valid.
     */
    record Trusted(String reason) implements NameDecision {
        public Trusted {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The account may have the identifier once it proves control of it: its authorization is created pending
     * and the gateway validates the client itself, as a CA would (RFC 8555 §8): http-01 or dns-01 for a DNS
     * name, dns-01 only for a wildcard (RFC 8555 §7.1.3), tls-alpn-01 (RFC 8737) for a non-wildcard name; for
     * an IP address http-01 or tls-alpn-01, never dns-01 (RFC 8738 §7).
     */
    record Validate(String reason, java.util.List<String> challengeTypes) implements NameDecision {
        public static final String HTTP_01 = "http-01";
        public static final String DNS_01 = "dns-01";
        public static final String TLS_ALPN_01 = "tls-alpn-01";

        /** @param challengeTypes the challenges the identifier may be proven with, in the order they are offered */
        public Validate {
            Objects.requireNonNull(reason, "reason");
            challengeTypes = java.util.List.copyOf(challengeTypes);
        }
    }

    /** The account may not have the identifier (RFC 8555 §6.7 "rejectedIdentifier"). */
    record Rejected(String reason) implements NameDecision {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
