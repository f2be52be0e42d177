package io.acmegate.gateway.status;

import io.acmegate.gateway.model.Lineage;
import io.acmegate.gateway.status.notify.Notifications;
import io.acmegate.gateway.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs on a schedule: finds the lineages whose state moved since the last sweep (time alone moves them: a window
 * opens, a certificate expires), tells the notifiers about those that became overdue, failing or expired, and
 * records states as settled once told, so that each change is told once it is delivered, across restarts too.
 */
public final class StatusSweep {

    private final LineageBook lineages;
    private final Store store;
    private final Notifications notifications;
    private final Clock clock;
    /** Alarming changes whose notifications are under way: not sent again meanwhile. */
    private final Set<StatusIndex.Change> delivering = ConcurrentHashMap.newKeySet();

    public StatusSweep(LineageBook lineages, Store store, Notifications notifications, Clock clock) {
        this.lineages = lineages;
        this.store = store;
        this.notifications = notifications;
        this.clock = clock;
    }

    /**
     * Settles at once the changes nobody is told about; an alarming change is settled when every notifier has
     * delivered it, so that one a notifier gave up on is sent again at a later sweep (at least once, not at most).
     *
     * @return how many lineages changed state
     */
    public int sweep() {
        Instant now = clock.instant();
        List<StatusIndex.Change> changes = lineages.index().unsettled(now);
        List<StatusIndex.Change> quiet = new ArrayList<>();
        for (StatusIndex.Change change : changes) {
            if (!change.state().alarming()) {
                quiet.add(change);
            } else if (delivering.add(change)) {
                store.lineage(change.id()).ifPresentOrElse(lineage -> notifications.send(
                                "lineage-" + change.state().label(), lineage, change.state().label(),
                                detail(lineage, change.state()), now)
                        .whenComplete((ok, failure) -> {
                            if (failure == null) {
                                lineages.settled(List.of(change));
                            }
                            delivering.remove(change);
                        }), () -> delivering.remove(change));
            }
        }
        lineages.settled(quiet);
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
