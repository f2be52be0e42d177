package io.acmegate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class IdleEvictingMapTest {
    private static final Instant NOW = MutableClock.START;

    @Test
    void underTheBoundNothingIsDropped() {
        IdleEvictingMap<AtomicBoolean> map = new IdleEvictingMap<>(3, (idle, now) -> idle.get());
        for (String key : new String[] {"a", "b", "c"}) {
            map.getOrCreate(key, () -> new AtomicBoolean(true));
        }
        map.trim(NOW);
        assertEquals(3, map.size());
    }

    @Test
    void overTheBoundIdleEntriesGoFirst() {
        IdleEvictingMap<AtomicBoolean> map = new IdleEvictingMap<>(3, (idle, now) -> idle.get());
        map.getOrCreate("busy-1", () -> new AtomicBoolean(false));
        map.getOrCreate("idle", () -> new AtomicBoolean(true));
        map.getOrCreate("busy-2", () -> new AtomicBoolean(false));
        map.getOrCreate("busy-3", () -> new AtomicBoolean(false));
        map.trim(NOW);
        assertEquals(3, map.size());
        assertNull(map.get("idle"));
        assertNotNull(map.get("busy-1"));
    }

    @Test
    void overTheBoundWithNothingIdleTheLeastRecentlyUsedGoDownToNineTenths() {
        IdleEvictingMap<AtomicBoolean> map = new IdleEvictingMap<>(10, (idle, now) -> idle.get());
        for (int i = 0; i < 11; i++) {
            map.getOrCreate("k" + i, () -> new AtomicBoolean(false));
        }
        map.get("k0"); // used again: now the most recent
        map.trim(NOW);
        assertEquals(9, map.size());
        assertNotNull(map.get("k0"));
        assertNull(map.get("k1"));
        assertNull(map.get("k2"));
        assertNotNull(map.get("k3"));
    }

    @Test
    void boundMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new IdleEvictingMap<String>(0, (v, now) -> true));
    }
}
