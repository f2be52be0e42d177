package io.acmegate.plugins.notify;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What happened to a certificate lineage, as sent to notifiers.
 *
 * <p>{@code id}, {@code kind} and {@code at} are never null; {@code names} is never null (null becomes an empty
 * list) and is immutable. The other fields may be null, e.g. in a {@code test} event that concerns no lineage.
 *
 * @param id        unique per event, so that receivers can drop a delivery they already have (a retry after a lost
 *                  answer delivers the same event twice)
 * @param kind      one of {@link #LINEAGE_OVERDUE}, {@link #LINEAGE_FAILING}, {@link #LINEAGE_EXPIRED},
 *                  {@link #DEPLOYMENT_STALE} or {@link #TEST}; receivers should ignore kinds they do not know
 * @param at        when it happened
 * @param lineageId the certificate lineage concerned
 * @param clientId  the ACME account (client) that owns the lineage
 * @param names     the lineage's identifiers, e.g. {@code shop.example.com}
 * @param state     the lineage's renewal state when the event was raised
 * @param detail    human readable, one line; may be null
 */
public record StatusEvent(String id, String kind, Instant at, String lineageId, String clientId, List<String> names,
                          String state, String detail) {

    /** The lineage was not renewed by the time it should have been. */
    public static final String LINEAGE_OVERDUE = "lineage-overdue";
    /** Renewals of the lineage keep failing. */
    public static final String LINEAGE_FAILING = "lineage-failing";
    /** The lineage's newest certificate has expired. */
    public static final String LINEAGE_EXPIRED = "lineage-expired";
    /** A probe found an older certificate of the lineage still served. */
    public static final String DEPLOYMENT_STALE = "deployment-stale";
    /** Sent by an operator to check a notifier. */
    public static final String TEST = "test";

    public StatusEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        names = names == null ? List.of() : List.copyOf(names);
    }
}
