package io.acmegate.gateway.model;

import java.time.Instant;
import java.util.List;

/**
 * One line of the audit trail: an upstream attempt, an issuance or a refusal.
 *
 * @param kind            "upstream-attempt", "issued", "refused"
 * @param accountId       the downstream account
 * @param upstream        the upstream name, or null for a refusal before any upstream
 * @param upstreamAccount the upstream account URL, or null (local CA, refusals)
 * @param outcome         "issued", "failed", "skipped", "refused"
 * @param reason          why it failed, was skipped or refused; null when it succeeded
 * @param source          the client's address, or null when unknown
 */
public record AuditEvent(Instant at, String kind, String accountId, String orderId, List<String> names,
                         String upstream, String upstreamAccount, String outcome, String reason, String source) {
    public AuditEvent {
        names = List.copyOf(names);
    }
}
