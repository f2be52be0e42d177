package io.acmegate.gateway.status;

import io.acmegate.gateway.model.Lineage;
import io.acmegate.gateway.model.LineageSummary;
import io.acmegate.gateway.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The times that decide every lineage's state, in memory, in columns: a state depends on the clock, so it is
 * computed when asked rather than stored, and a scan over a million lineages must stay in the milliseconds and in
 * tens of megabytes (about 60 bytes per lineage). The full records stay in the store; a page of results reads
 * only its own.
 *
 * <p>Slots are in lineage id order; the store hands out increasing ids, so a new lineage almost always appends.
 */
public final class StatusIndex {
    private static final byte HAS_CERTIFICATE = 1;
    private static final byte REVOKED = 2;
    private static final byte HAS_ENDPOINTS = 4;
    private static final byte NOT_NOTIFIED = -1;

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Integer> clientSlots = new HashMap<>();
    private final List<String> clientIds = new ArrayList<>();
    private int size;
    private long[] ids = new long[1024];
    private long[] notAfter = new long[1024];
    private long[] issuedAt = new long[1024];
    private long[] windowStart = new long[1024];
    private long[] windowEnd = new long[1024];
    private long[] failureAt = new long[1024];
    private byte[] flags = new byte[1024];
    private byte[] notified = new byte[1024];
    private int[] client = new int[1024];

    /** Reads every lineage's summary from the store, in batches. */
    public static StatusIndex load(Store store) {
        StatusIndex index = new StatusIndex();
        long after = 0;
        for (List<LineageSummary> batch = store.lineageSummaries(after, 10_000); !batch.isEmpty();
             batch = store.lineageSummaries(after, 10_000)) {
            batch.forEach(index::put);
            after = batch.get(batch.size() - 1).id();
        }
        return index;
    }

    /** Adds or replaces a lineage. */
    public void put(Lineage lineage) {
        put(LineageSummary.of(lineage));
    }

    private void put(LineageSummary s) {
        lock.writeLock().lock();
        try {
            int slot = Arrays.binarySearch(ids, 0, size, s.id());
            if (slot < 0) {
                slot = insertAt(-slot - 1, s.id());
            }
            flags[slot] = (byte) ((s.hasCertificate() ? HAS_CERTIFICATE : 0) | (s.revoked() ? REVOKED : 0)
                    | (s.hasEndpoints() ? HAS_ENDPOINTS : 0));
            notAfter[slot] = s.notAfter();
            issuedAt[slot] = s.issuedAt();
            windowStart[slot] = s.windowStart();
            windowEnd[slot] = s.windowEnd();
            failureAt[slot] = s.failureAt();
            notified[slot] = s.notified() == null ? NOT_NOTIFIED
                    : LineageState.byLabel(s.notified()).map(state -> (byte) state.ordinal()).orElse(NOT_NOTIFIED);
            client[slot] = clientSlots.computeIfAbsent(s.clientId(), id -> {
                clientIds.add(id);
                return clientIds.size() - 1;
            });
        } finally {
            lock.writeLock().unlock();
        }
    }

    private int insertAt(int slot, long id) {
        if (size == ids.length) {
            int capacity = size + (size >> 1);
            ids = Arrays.copyOf(ids, capacity);
            notAfter = Arrays.copyOf(notAfter, capacity);
            issuedAt = Arrays.copyOf(issuedAt, capacity);
            windowStart = Arrays.copyOf(windowStart, capacity);
            windowEnd = Arrays.copyOf(windowEnd, capacity);
            failureAt = Arrays.copyOf(failureAt, capacity);
            flags = Arrays.copyOf(flags, capacity);
            notified = Arrays.copyOf(notified, capacity);
            client = Arrays.copyOf(client, capacity);
        }
        if (slot < size) { // an id handed out before a smaller one was written: rare, so shifting is fine
            for (Object column : new Object[] {ids, notAfter, issuedAt, windowStart, windowEnd, failureAt, flags,
                    notified, client}) {
                System.arraycopy(column, slot, column, slot + 1, size - slot);
            }
        }
        ids[slot] = id;
        size++;
        return slot;
    }

    /** The slot of the first of {@code wanted} (ascending ids) stored at or after {@code slot}; size if none. */
    private int slotAtOrAfter(long[] wanted, int slot) {
        if (slot >= size) {
            return size;
        }
        int next = Arrays.binarySearch(wanted, ids[slot]);
        for (int i = next < 0 ? -next - 1 : next; i < wanted.length; i++) {
            int found = Arrays.binarySearch(ids, slot, size, wanted[i]);
            if (found >= 0) {
                return found;
            }
        }
        return size;
    }

    private LineageState state(int slot, long now) {
        return LineageState.of((flags[slot] & HAS_CERTIFICATE) != 0, (flags[slot] & REVOKED) != 0, notAfter[slot],
                issuedAt[slot], windowStart[slot], windowEnd[slot], failureAt[slot], now);
    }

    /** What to look for; null members match everything. */
    public record Filter(LineageState state, String clientId, long[] onlyIds) {
        public static final Filter ALL = new Filter(null, null, null);
    }

    /** One page: the matching ids in ascending order, and the id to continue after, or 0 at the end. */
    public record Page(List<Long> ids, long next) {
    }

    /** The first {@code limit} lineages matching the filter with an id above {@code afterId}. */
    public Page find(Filter filter, long afterId, int limit, Instant at) {
        long now = at.getEpochSecond();
        lock.readLock().lock();
        try {
            int wantedClient = -1;
            if (filter.clientId() != null) {
                Integer slot = clientSlots.get(filter.clientId());
                if (slot == null) {
                    return new Page(List.of(), 0);
                }
                wantedClient = slot;
            }
            List<Long> found = new ArrayList<>();
            int from = Arrays.binarySearch(ids, 0, size, afterId);
            from = from < 0 ? -from - 1 : from + 1;
            // A name look-up hands over a few ids: visit their slots rather than scanning every lineage.
            java.util.function.IntUnaryOperator nextSlot = filter.onlyIds() == null ? slot -> slot + 1
                    : slot -> slotAtOrAfter(filter.onlyIds(), slot + 1);
            int first = filter.onlyIds() == null ? from : slotAtOrAfter(filter.onlyIds(), from);
            for (int slot = first; slot < size; slot = nextSlot.applyAsInt(slot)) {
                if ((wantedClient < 0 || client[slot] == wantedClient)
                        && (filter.state() == null || state(slot, now) == filter.state())) {
                    if (found.size() == limit) {
                        return new Page(found, found.get(found.size() - 1));
                    }
                    found.add(ids[slot]);
                }
            }
            return new Page(found, 0);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** How many lineages are in each state, and the earliest expiry still ahead. */
    public record Summary(Map<LineageState, Long> counts, long total, OptionalLong earliestExpiry) {
    }

    public Summary summary(Instant at) {
        long now = at.getEpochSecond();
        long[] counts = new long[LineageState.values().length];
        long earliest = Long.MAX_VALUE;
        lock.readLock().lock();
        try {
            for (int slot = 0; slot < size; slot++) {
                LineageState state = state(slot, now);
                counts[state.ordinal()]++;
                if (state != LineageState.REVOKED && state != LineageState.EXPIRED && notAfter[slot] < earliest) {
                    earliest = notAfter[slot];
                }
            }
            Map<LineageState, Long> byState = new EnumMap<>(LineageState.class);
            for (LineageState state : LineageState.values()) {
                byState.put(state, counts[state.ordinal()]);
            }
            return new Summary(byState, size, earliest == LineageSummary.NEVER
                    ? OptionalLong.empty() : OptionalLong.of(earliest));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A lineage whose state is not the one last notified. */
    public record Change(long id, LineageState state) {
    }

    /** Lineages whose state differs from the one their notifications were last settled for. */
    public List<Change> unsettled(Instant at) {
        long now = at.getEpochSecond();
        List<Change> changes = new ArrayList<>();
        lock.readLock().lock();
        try {
            for (int slot = 0; slot < size; slot++) {
                LineageState state = state(slot, now);
                if (notified[slot] != state.ordinal()) {
                    changes.add(new Change(ids[slot], state));
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        return changes;
    }

    /** The client a lineage belongs to, if the index holds it. */
    public java.util.Optional<String> clientOf(long id) {
        lock.readLock().lock();
        try {
            int slot = Arrays.binarySearch(ids, 0, size, id);
            return slot < 0 ? java.util.Optional.empty() : java.util.Optional.of(clientIds.get(client[slot]));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The lineages that have endpoints for the deployment probe. */
    public List<Long> withEndpoints() {
        List<Long> found = new ArrayList<>();
        lock.readLock().lock();
        try {
            for (int slot = 0; slot < size; slot++) {
                if ((flags[slot] & HAS_ENDPOINTS) != 0) {
                    found.add(ids[slot]);
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        return found;
    }

    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }
}
