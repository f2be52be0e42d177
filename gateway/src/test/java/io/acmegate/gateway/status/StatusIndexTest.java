package io.acmegate.gateway.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmegate.gateway.model.Lineage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class StatusIndexTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    /** Lineage i: client "c" + (i % 3), issued (i) days ago, 90-day lifetime; ids 1..n. */
    private static List<Lineage> lineages(int n) {
        List<Lineage> all = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            all.add(TestLineages.issued("c" + (i % 3), List.of("h" + i + ".example.test"), Integer.toHexString(i),
                    NOW.minus(Duration.ofDays(i)), Duration.ofDays(90)).withId(i));
        }
        return all;
    }

    private static StatusIndex indexOf(List<Lineage> lineages) {
        StatusIndex index = new StatusIndex();
        lineages.forEach(index::put);
        return index;
    }

    @Test
    void findsByStateAndClientInIdOrderAcrossPages() {
        List<Lineage> all = lineages(100);
        StatusIndex index = indexOf(all);
        // Issued 75..89 days ago: overdue (the window ends at day 75); 90 days and more: expired.
        List<Long> overdue = LongStream.rangeClosed(75, 89).boxed().toList();
        StatusIndex.Page first = index.find(new StatusIndex.Filter(LineageState.OVERDUE, null, null), 0, 10, NOW);
        assertEquals(overdue.subList(0, 10), first.ids());
        assertEquals(84, first.next());
        StatusIndex.Page second = index.find(new StatusIndex.Filter(LineageState.OVERDUE, null, null), first.next(),
                10, NOW);
        assertEquals(overdue.subList(10, 15), second.ids());
        assertEquals(0, second.next());

        List<Long> c1Overdue = overdue.stream().filter(id -> id % 3 == 1).toList();
        assertEquals(c1Overdue, index.find(new StatusIndex.Filter(LineageState.OVERDUE, "c1", null), 0, 100, NOW).ids());
        assertEquals(List.of(), index.find(new StatusIndex.Filter(null, "nobody", null), 0, 100, NOW).ids());
        assertEquals(List.of(80L), index.find(new StatusIndex.Filter(null, null, new long[] {3, 80, 500}), 70, 100,
                NOW).ids());
        StatusIndex.Filter someOverdue = new StatusIndex.Filter(LineageState.OVERDUE, null, new long[] {2, 75, 76, 80, 200});
        StatusIndex.Page named = index.find(someOverdue, 0, 2, NOW);
        assertEquals(List.of(75L, 76L), named.ids());
        assertEquals(List.of(80L), index.find(someOverdue, named.next(), 2, NOW).ids());
    }

    @Test
    void summaryCountsEveryStateAndTheEarliestExpiryAhead() {
        StatusIndex index = indexOf(lineages(100));
        StatusIndex.Summary summary = index.summary(NOW);
        assertEquals(59, summary.counts().get(LineageState.OK)); // 1..59 days old
        assertEquals(15, summary.counts().get(LineageState.RENEWAL_DUE)); // 60..74
        assertEquals(15, summary.counts().get(LineageState.OVERDUE)); // 75..89
        assertEquals(11, summary.counts().get(LineageState.EXPIRED)); // 90..100
        assertEquals(100, summary.total());
        // The oldest live one was issued 89 days ago: it expires in one day.
        assertEquals(NOW.plus(Duration.ofDays(1)).getEpochSecond(), summary.earliestExpiry().getAsLong());
    }

    @Test
    void replacingALineageMovesItAndLateIdsAreInsertedInOrder() {
        List<Lineage> all = lineages(5);
        StatusIndex index = new StatusIndex();
        index.put(all.get(4));
        index.put(all.get(0)); // id 1 written after id 5: a concurrent writer
        index.put(all.get(2));
        assertEquals(List.of(1L, 3L, 5L), index.find(StatusIndex.Filter.ALL, 0, 10, NOW).ids());
        Lineage revoked = new Lineage(3, all.get(2).client(), all.get(2).names(), all.get(2).source(),
                all.get(2).current().asRevoked(), all.get(2).window(), null, null, null, null, null, null, NOW);
        index.put(revoked);
        assertEquals(List.of(3L), index.find(new StatusIndex.Filter(LineageState.REVOKED, null, null), 0, 10, NOW).ids());
        assertEquals(3, index.size());
    }

    @Test
    void unsettledListsLineagesWhoseStateIsNotTheNotifiedOne() {
        Lineage ok = lineages(1).get(0).withNotified("ok");
        Lineage dueButNotifiedOk = TestLineages.issued("c", List.of("d.test"), "d", NOW.minus(Duration.ofDays(61)),
                Duration.ofDays(90)).withId(2).withNotified("ok");
        StatusIndex index = indexOf(List.of(ok, dueButNotifiedOk));
        assertEquals(List.of(new StatusIndex.Change(2, LineageState.RENEWAL_DUE)), index.unsettled(NOW));
        index.put(dueButNotifiedOk.withNotified("renewal-due"));
        assertTrue(index.unsettled(NOW).isEmpty());
    }
}
