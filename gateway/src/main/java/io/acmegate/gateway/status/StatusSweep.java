package io.acmegate.gateway.status;

import io.acmegate.gateway.model.Lineage;
import io.acmegate.gateway.status.notify.Notifications;
import io.acmegate.gateway.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs on a schedule: finds the lineages whose state moved since the last sweep (time alone moves them: a window
 * opens, a certificate expires), tells the notifiers about those that became overdue, failing or expired, and
 * records every state as settled so that each change is told once, across restarts too.
 */
public final class StatusSweep implements Runnable {
    private static final Logger LOG = Logger.getLogger(StatusSweep.class.getName());

    private final LineageBook lineages;
    private final Store store;
    private final Notifications notifications;
    private final Clock clock;

    public StatusSweep(LineageBook lineages, Store store, Notifications notifications, Clock clock) {
        this.lineages = lineages;
        this.store = store;
        this.notifications = notifications;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            sweep();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log and go on at the next tick.
            LOG.log(Level.WARNING, "status sweep failed", e);
        }
    }

    /** @return how many lineages changed state */
    public int sweep() {
        Instant now = clock.instant();
        java.util.List<StatusIndex.Change> changes = lineages.index().unsettled(now);
        for (StatusIndex.Change change : changes) {
            if (change.state().alarming()) {
                store.lineage(change.id()).ifPresent(lineage -> notifications.send("lineage-" + change.state().label(),
                        lineage, change.state().label(), detail(lineage, change.state()), now));
            }
        }
        lineages.settled(changes);
        return changes.size();
    }

    private static String detail(Lineage lineage, LineageState state) {
        return switch (state) {
            case FAILING -> lineage.lastFailure() == null ? "the last order failed" : lineage.lastFailure().reason();
            case EXPIRED -> "the certificate expired at " + lineage.current().notAfter();
            case OVERDUE -> lineage.reissueAt() != null
                    ? "re-issue was requested at " + lineage.reissueAt() + " and the client has not renewed"
                    : "the renewal window ended at " + lineage.window().end() + " and the client has not renewed";
            default -> null;
        };
    }
}
