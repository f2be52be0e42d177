package io.acmegate.dns;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One zone the responder is authoritative for: its apex, name servers and SOA values.
 *
 * <p>Names are normalised to lower case without a trailing dot. Construction fails with an
 * {@link IllegalArgumentException} naming the bad field. The SOA timers default to values that suit a zone of
 * short-lived challenge records (see {@link #of}); {@code minimum} is the negative-caching TTL (RFC 2308 §4),
 * kept short so that a record published right after a miss is seen soon.
 *
 * @param apex        the zone's apex, e.g. {@code acme.gw.example.net}
 * @param nameServers the zone's NS set; in-zone name servers carry their glue addresses
 * @param hostmaster  the SOA RNAME, as a mailbox ({@code hostmaster@example.net}) or a domain name
 *                    ({@code hostmaster.example.net})
 * @param serial      the SOA serial (nothing transfers this zone, so it rarely matters)
 * @param ttl         TTL of the SOA, NS and glue records, seconds
 * @param refresh     SOA refresh, seconds
 * @param retry       SOA retry, seconds
 * @param expire      SOA expire, seconds
 * @param minimum     SOA minimum, the negative-caching TTL (RFC 2308 §4), seconds
 */
public record DnsZone(String apex, List<NameServer> nameServers, String hostmaster, long serial, long ttl,
                      long refresh, long retry, long expire, long minimum) {

    /** Defaults for a challenge zone: TTL 3600, refresh 3600, retry 600, expire 86400, minimum 60, serial 1. */
    public static DnsZone of(String apex, List<NameServer> nameServers, String hostmaster) {
        return new DnsZone(apex, nameServers, hostmaster, 1, 3600, 3600, 600, 86400, 60);
    }

    public DnsZone {
        apex = normalise("apex", apex);
        Objects.requireNonNull(nameServers, "nameServers");
        if (nameServers.isEmpty()) {
            throw new IllegalArgumentException("zone " + apex + ": nameServers must not be empty");
        }
        nameServers = List.copyOf(nameServers);
        var seen = new HashSet<String>();
        for (NameServer ns : nameServers) {
            if (!seen.add(ns.name())) {
                throw new IllegalArgumentException("zone " + apex + ": name server " + ns.name() + " listed twice");
            }
            boolean inZone = isAtOrBelow(ns.name(), apex);
            if (inZone && ns.glue().isEmpty()) {
                throw new IllegalArgumentException(
                        "zone " + apex + ": in-zone name server " + ns.name() + " needs glue addresses");
            }
            if (!inZone && !ns.glue().isEmpty()) {
                throw new IllegalArgumentException(
                        "zone " + apex + ": glue given for out-of-zone name server " + ns.name());
            }
        }
        Objects.requireNonNull(hostmaster, "hostmaster");
        if (hostmaster.isBlank()) {
            throw new IllegalArgumentException("zone " + apex + ": hostmaster must not be blank");
        }
        if (serial < 0 || serial > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("zone " + apex + ": serial must fit 32 bits unsigned");
        }
        requireTtl(apex, "ttl", ttl);
        requireTtl(apex, "refresh", refresh);
        requireTtl(apex, "retry", retry);
        requireTtl(apex, "expire", expire);
        requireTtl(apex, "minimum", minimum);
    }

    /**
     * A name server of the zone.
     *
     * @param name the server's host name
     * @param glue its addresses, required when the name is inside the zone (served as glue and as the answer to
     *             A/AAAA queries for it), empty otherwise
     */
    public record NameServer(String name, List<InetAddress> glue) {
        public NameServer {
            name = normalise("name server", name);
            glue = List.copyOf(Objects.requireNonNull(glue, "glue"));
        }

        /** An out-of-zone name server (no glue). */
        public static NameServer named(String name) {
            return new NameServer(name, List.of());
        }
    }

    /** Whether {@code name} (normalised) equals {@code apex} or lies below it, on a label boundary. */
    static boolean isAtOrBelow(String name, String apex) {
        return name.equals(apex)
                || (name.length() > apex.length() && name.endsWith(apex)
                    && name.charAt(name.length() - apex.length() - 1) == '.');
    }

    private static String normalise(String field, String name) {
        Objects.requireNonNull(name, field);
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.isEmpty() || n.startsWith(".") || n.contains("..") || n.length() > 253) {
            throw new IllegalArgumentException(field + " is not a valid domain name: '" + name + "'");
        }
        return n;
    }

    private static void requireTtl(String apex, String field, long value) {
        if (value < 0 || value > 0x7FFF_FFFFL) {
            throw new IllegalArgumentException("zone " + apex + ": " + field + " must be in 0..2147483647");
        }
    }
}
