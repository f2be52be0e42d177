package io.acmegate.gateway.model;

import java.time.Instant;

/**
 * A client that gets its certificates elsewhere (certbot or acme.sh straight against a CA) and reports them to
 * {@code POST /status/report}.
 *
 * @param tokenHash SHA-256 of its report token, hex: the token itself is shown once and not stored
 */
public record ReportClient(String name, String tokenHash, Instant createdAt) {
}
