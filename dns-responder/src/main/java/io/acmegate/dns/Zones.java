package io.acmegate.dns;

import java.util.Comparator;
import java.util.List;

/** The zones served, found by the longest apex a name lies at or below. */
final class Zones {

    private final List<ServedZone> longestApexFirst;

    Zones(List<DnsZone> zones) {
        this.longestApexFirst = zones.stream()
                .map(ServedZone::new)
                .sorted(Comparator.comparingInt((ServedZone z) -> z.apex().length()).reversed())
                .toList();
    }

    /** The zone holding {@code name} (lower case, no trailing dot), or null if none does. */
    ServedZone find(String name) {
        for (ServedZone zone : longestApexFirst) {
            if (DnsZone.isAtOrBelow(name, zone.apex())) {
                return zone;
            }
        }
        return null;
    }
}
