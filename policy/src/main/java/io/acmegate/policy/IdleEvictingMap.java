package io.acmegate.policy;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * Per-key state with a bound on the number of keys, so that a flood of distinct clients or names cannot
 * grow memory without end. Over the bound, {@link #trim} first drops idle entries (whose forgetting
 * changes no decision: a full bucket, an expired failure record), then, if still over, the least recently
 * used ones down to nine tenths of the bound, so that the sweep runs once per many insertions.
 *
 * <p>Not thread-safe: the owner guards it with its own lock.
 */
final class IdleEvictingMap<V> {
    private final int maxKeys;
    private final BiPredicate<V, Instant> idle;
    private final LinkedHashMap<String, V> entries = new LinkedHashMap<>(16, 0.75f, true);

    IdleEvictingMap(int maxKeys, BiPredicate<V, Instant> idle) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1, not " + maxKeys);
        }
        this.maxKeys = maxKeys;
        this.idle = idle;
    }

    /** The entry for the key, or null; marks it recently used. */
    V get(String key) {
        return entries.get(key);
    }

    /** The entry for the key, created if absent; marks it recently used. */
    V getOrCreate(String key, Supplier<V> create) {
        return entries.computeIfAbsent(key, k -> create.get());
    }

    void remove(String key) {
        entries.remove(key);
    }

    int size() {
        return entries.size();
    }

    /** Enforces the bound, as the class comment says. */
    void trim(Instant now) {
        if (entries.size() <= maxKeys) {
            return;
        }
        entries.values().removeIf(value -> idle.test(value, now));
        int target = Math.max(1, maxKeys - maxKeys / 10);
        Iterator<Map.Entry<String, V>> eldestFirst = entries.entrySet().iterator();
        while (entries.size() > target && eldestFirst.hasNext()) {
            eldestFirst.next();
            eldestFirst.remove();
        }
    }
}
