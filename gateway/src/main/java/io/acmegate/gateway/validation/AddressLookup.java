package io.acmegate.gateway.validation;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** The addresses that http-01 and tls-alpn-01 connect to, in the order they are tried. Thread-safe. */
final class AddressLookup {
    private final DnsLookup dns;

    AddressLookup(DnsLookup dns) {
        this.dns = dns;
    }

    /**
     * For an ip identifier its address (no lookup, RFC 8738 §3); for a name the first IPv6 address, then the first
     * IPv4 address, from AAAA and A queries: IPv6 first, as Let's Encrypt validates, so that a broken AAAA record
     * shows here before it fails there. One address of each family is enough to tell a reachable host from an
     * unreachable one, and keeps a failing check within two timeouts.
     *
     * @throws ValidationFailure "dns" when the name has no address, "malformed" for a bad identifier
     */
    List<InetAddress> addresses(Identifier identifier) throws ValidationFailure {
        if (identifier.ip() != null) {
            return List.of(identifier.ip());
        }
        return addresses(identifier.name());
    }

    /** The first IPv6 address, then the first IPv4 address of {@code name}; see {@link #addresses(Identifier)}. */
    List<InetAddress> addresses(Name name) throws ValidationFailure {
        List<InetAddress> found = new ArrayList<>(2);
        ValidationFailure firstFailure = null;
        for (int type : new int[] {Type.AAAA, Type.A}) {
            try {
                List<Record> records = dns.records(name, type);
                if (!records.isEmpty()) {
                    found.add(addressOf(records.get(0)));
                }
            } catch (ValidationFailure e) {
                if (firstFailure == null) {
                    firstFailure = e;
                }
            }
        }
        if (!found.isEmpty()) {
            return found;
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
        throw ValidationFailure.dns("No A or AAAA record found for " + DnsLookup.printable(name));
    }

    private static InetAddress addressOf(Record record) {
        return record instanceof ARecord a ? a.getAddress() : ((AAAARecord) record).getAddress();
    }
}
