package io.acmegate.gateway.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.acmegate.gateway.TestClock;
import io.acmegate.gateway.model.Lineage;
import io.acmegate.gateway.status.notify.Notifications;
import io.acmegate.gateway.store.MapDbStore;
import io.acmegate.plugins.notify.StatusEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusSweepTest {
    @TempDir
    Path dir;

    @Test
    void anEventANotifierGaveUpOnIsSentAgainAtTheNextSweep() {
        TestClock clock = new TestClock();
        RecordingNotifier notifier = new RecordingNotifier();
        notifier.down = true;
        try (MapDbStore store = MapDbStore.open(dir.resolve("d.mapdb"))) {
            LineageBook book = new LineageBook(store, new StatusIndex(), clock);
            StatusSweep sweep = new StatusSweep(book, store, new Notifications(List.of(notifier)), clock);
            Lineage lineage = store.putLineage(TestLineages.issued("acct", List.of("d.test"), "1", clock.now,
                    Duration.ofDays(90)).withNotified("ok"));
            book.index().put(lineage);
            clock.now = clock.now.plus(Duration.ofDays(80));
            sweep.sweep();
            assertEquals(1, notifier.events.size());
            assertEquals(1, book.index().unsettled(clock.now).size(), "not settled while undelivered");
            notifier.down = false;
            sweep.sweep();
            assertEquals(2, notifier.events.size(), "sent again");
            assertEquals(0, book.index().unsettled(clock.now).size());
            sweep.sweep();
            assertEquals(2, notifier.events.size(), "and then not any more");
        }
    }

    @Test
    void eachAlarmingStateIsToldOnceAndAgainAfterARecovery() {
        TestClock clock = new TestClock();
        RecordingNotifier notifier = new RecordingNotifier();
        try (MapDbStore store = MapDbStore.open(dir.resolve("s.mapdb"))) {
            LineageBook book = new LineageBook(store, new StatusIndex(), clock);
            StatusSweep sweep = new StatusSweep(book, store, new Notifications(List.of(notifier)), clock);
            Lineage lineage = store.putLineage(TestLineages.issued("acct", List.of("a.test"), "1", clock.now,
                    Duration.ofDays(90)).withNotified("ok"));
            book.index().put(lineage);

            assertEquals(0, sweep.sweep());
            clock.now = clock.now.plus(Duration.ofDays(61));
            assertEquals(1, sweep.sweep(), "renewal-due is settled");
            assertEquals(List.of(), notifier.events, "renewal-due is not alarming");
            clock.now = clock.now.plus(Duration.ofDays(15));
            assertEquals(1, sweep.sweep());
            assertEquals(0, sweep.sweep(), "told once");
            assertEquals(1, notifier.events.size());
            StatusEvent overdue = notifier.events.get(0);
            assertEquals(StatusEvent.LINEAGE_OVERDUE, overdue.kind());
            assertEquals(Long.toString(lineage.id()), overdue.lineageId());
            assertEquals(List.of("a.test"), overdue.names());
            assertEquals("acct", overdue.clientId());

            // A renewal, then the next certificate goes overdue too: told again.
            Lineage renewed = TestLineages.issued("acct", List.of("a.test"), "2", clock.now, Duration.ofDays(90))
                    .withId(lineage.id()).withNotified("overdue");
            store.putLineage(renewed);
            book.index().put(renewed);
            assertEquals(1, sweep.sweep(), "back to ok is settled quietly");
            clock.now = clock.now.plus(Duration.ofDays(91));
            sweep.sweep();
            assertEquals(List.of(StatusEvent.LINEAGE_OVERDUE, StatusEvent.LINEAGE_EXPIRED),
                    notifier.events.stream().map(StatusEvent::kind).toList(),
                    "91 days later it is expired (it skipped overdue between two sweeps)");
        }
    }
}
