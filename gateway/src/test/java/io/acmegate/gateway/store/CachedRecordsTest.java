package io.acmegate.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmegate.gateway.model.Identifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CachedRecordsTest {

    @Test
    void aRecordIsDecodedOnceThenServedFromTheCache() {
        Map<String, byte[]> map = new ConcurrentHashMap<>(Map.of("k", StoreCodec.encode(Identifier.dns("a.test"))));
        CachedRecords<Identifier> records = new CachedRecords<>(map, Identifier.class, 10);
        Identifier first = records.get("k").orElseThrow();
        map.put("k", StoreCodec.encode(Identifier.dns("changed-behind-its-back.test")));
        assertSame(first, records.get("k").orElseThrow(), "the second read must not decode again");
        assertTrue(records.get("absent").isEmpty());
        assertTrue(records.get(null).isEmpty());
    }

    @Test
    void aWriteReplacesTheCachedRecordAndTheStoredOne() {
        Map<String, byte[]> map = new ConcurrentHashMap<>();
        CachedRecords<Identifier> records = new CachedRecords<>(map, Identifier.class, 10);
        Identifier next = Identifier.dns("b.test");
        records.put("k", Identifier.dns("a.test"), StoreCodec.encode(Identifier.dns("a.test")));
        records.get("k");
        records.put("k", next, StoreCodec.encode(next));
        assertSame(next, records.get("k").orElseThrow());
        assertEquals(next, StoreCodec.decode(map.get("k"), Identifier.class));
    }

    /** The race the class is built against: a load that read the old bytes must not outlive the write after it. */
    @Test
    void aLoadThatReadTheOldBytesIsOverwrittenByTheWriteThatFollowsIt() throws Exception {
        CountDownLatch oldBytesRead = new CountDownLatch(1);
        CountDownLatch finishLoad = new CountDownLatch(1);
        Map<String, byte[]> map = new ConcurrentHashMap<>() {
            @Override
            public byte[] get(Object key) {
                byte[] bytes = super.get(key);
                oldBytesRead.countDown();
                await(finishLoad);
                return bytes;
            }
        };
        map.put("k", StoreCodec.encode(Identifier.dns("old.test")));
        CachedRecords<Identifier> records = new CachedRecords<>(map, Identifier.class, 10);

        Thread reader = Thread.ofPlatform().start(() -> records.get("k"));
        await(oldBytesRead);
        Identifier next = Identifier.dns("new.test");
        Thread writer = Thread.ofPlatform().start(() -> records.put("k", next, StoreCodec.encode(next)));
        // The writer has changed the map and now waits for the load of the same key to end.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (writer.getState() != Thread.State.BLOCKED && writer.getState() != Thread.State.WAITING
                && writer.isAlive() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        finishLoad.countDown();
        reader.join(10_000);
        writer.join(10_000);

        assertEquals(next, records.get("k").orElseThrow(), "the cache must not keep the record the load read");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
