package io.acmegate.dns;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A thread-safe in-memory source for tests, as the gateway's challenge board would be. */
final class MapTxtRecordSource implements TxtRecordSource {

    private final Map<String, List<String>> values = new ConcurrentHashMap<>();

    MapTxtRecordSource publish(String name, String... txt) {
        values.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).addAll(List.of(txt));
        return this;
    }

    void clear(String name) {
        values.remove(name);
    }

    @Override
    public List<String> txt(String name) {
        return values.getOrDefault(name, List.of());
    }

    @Override
    public boolean existsAtOrBelow(String name) {
        String suffix = "." + name;
        return values.keySet().stream().anyMatch(n -> n.equals(name) || n.endsWith(suffix));
    }
}
