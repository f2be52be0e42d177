package io.acmegate.gateway.upstream;

import java.time.Instant;

/**
 * One try of one upstream for one order, as the audit trail and status show it.
 *
 * @param reason why it failed or was skipped; null when it issued
 */
public record CaAttempt(String upstream, Instant at, Outcome outcome, String reason) {
    public enum Outcome { ISSUED, FAILED, SKIPPED }
}
