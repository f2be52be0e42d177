package io.acmegate.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TextParseException;

/** A {@link DnsZone} with its fixed records built once: SOA, NS, and the addresses of in-zone name servers. */
final class ServedZone {

    private final String apex;
    private final SOARecord soa;
    private final SOARecord negativeSoa;
    private final List<Record> nameServers;
    private final Map<String, List<Record>> addressesByHost;

    ServedZone(DnsZone zone) {
        this.apex = zone.apex();
        Name apexName = absolute(zone.apex());
        this.soa = new SOARecord(apexName, DClass.IN, zone.ttl(), absolute(zone.nameServers().get(0).name()),
                mailboxName(zone.hostmaster()), zone.serial(), zone.refresh(), zone.retry(), zone.expire(),
                zone.minimum());
        // RFC 2308 §3 and §5: the SOA sent with a negative answer carries TTL = min(SOA TTL, SOA MINIMUM).
        this.negativeSoa = new SOARecord(apexName, DClass.IN, Math.min(zone.ttl(), zone.minimum()),
                soa.getHost(), soa.getAdmin(), zone.serial(), zone.refresh(), zone.retry(), zone.expire(),
                zone.minimum());
        var ns = new ArrayList<Record>();
        var addresses = new HashMap<String, List<Record>>();
        for (DnsZone.NameServer server : zone.nameServers()) {
            Name host = absolute(server.name());
            ns.add(new NSRecord(apexName, DClass.IN, zone.ttl(), host));
            var records = new ArrayList<Record>();
            for (InetAddress address : server.glue()) {
                records.add(address instanceof Inet4Address
                        ? new ARecord(host, DClass.IN, zone.ttl(), address)
                        : new AAAARecord(host, DClass.IN, zone.ttl(), address));
            }
            if (!records.isEmpty()) {
                addresses.put(server.name(), List.copyOf(records));
            }
        }
        this.nameServers = List.copyOf(ns);
        this.addressesByHost = Map.copyOf(addresses);
    }

    String apex() {
        return apex;
    }

    SOARecord soa() {
        return soa;
    }

    /** The SOA for the authority section of NODATA and NXDOMAIN replies (RFC 2308 §2.1, §2.2). */
    SOARecord negativeSoa() {
        return negativeSoa;
    }

    List<Record> nameServers() {
        return nameServers;
    }

    /** A and AAAA records of the in-zone name server called {@code name}; empty if it is none. */
    List<Record> addressesOf(String name) {
        return addressesByHost.getOrDefault(name, List.of());
    }

    /** Glue for the NS set: the addresses of every in-zone name server (RFC 9471 §3). */
    List<Record> glue() {
        var glue = new ArrayList<Record>();
        for (Record ns : nameServers) {
            glue.addAll(addressesOf(lowerNoDot(((NSRecord) ns).getTarget())));
        }
        return glue;
    }

    /** Whether an in-zone name server sits strictly below {@code name}, making it an empty non-terminal. */
    boolean hasNameServerBelow(String name) {
        for (String host : addressesByHost.keySet()) {
            if (host.length() > name.length() && DnsZone.isAtOrBelow(host, name)) {
                return true;
            }
        }
        return false;
    }

    static String lowerNoDot(Name name) {
        return name.toString(true).toLowerCase(java.util.Locale.ROOT);
    }

    private static Name absolute(String name) {
        try {
            return Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a valid domain name: " + name, e);
        }
    }

    /** SOA RNAME (RFC 1035 §3.3.13): {@code host.master@example.net} becomes {@code host\.master.example.net}. */
    private static Name mailboxName(String hostmaster) {
        int at = hostmaster.indexOf('@');
        if (at < 0) {
            return absolute(hostmaster);
        }
        String local = hostmaster.substring(0, at).replace(".", "\\.");
        return absolute(local + "." + hostmaster.substring(at + 1));
    }
}
