package io.acmegate.gateway.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Map;
import java.util.Optional;

/**
 * One MapDB map of encoded records, with the recently used ones kept decoded in front of it. Every ACME
 * request of a flow reads its account, and most read its order, authorizations or certificate again: from
 * the cache that costs neither MapDB's file reads (one system call per index level on a FileChannel) nor
 * JSON decoding.
 *
 * <p>Coherent without a lock on reads. A read that misses loads the record inside Caffeine's computation
 * for its key; a write changes the map first and the cache after, and replacing a key waits for a load of
 * that key in progress. So a load that read the old bytes is always overwritten by the write that follows
 * it, and the cache never holds a record older than the map.
 */
final class CachedRecords<T> {
    private final Map<String, byte[]> map;
    private final Class<T> type;
    private final Cache<String, T> decoded;

    CachedRecords(Map<String, byte[]> map, Class<T> type, long maximumSize) {
        this.map = map;
        this.type = type;
        this.decoded = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    Optional<T> get(String key) {
        if (key == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(decoded.get(key, k -> {
            byte[] bytes = map.get(k);
            return bytes == null ? null : StoreCodec.decode(bytes, type);
        }));
    }

    /** Under the store's write lock; {@code bytes} is {@code value} encoded. */
    void put(String key, T value, byte[] bytes) {
        map.put(key, bytes);
        decoded.put(key, value);
    }
}
