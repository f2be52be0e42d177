package io.acmegate.gateway.validation;

import java.util.Arrays;
import java.util.List;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * DNS queries for validation, through the configured resolver only: never /etc/hosts, never the JDK's
 * resolver, and no cache kept between lookups (a client that fixes its records and retries must be seen at
 * once). CNAME chains are followed by dnsjava's {@link Lookup}. Thread-safe.
 */
final class DnsLookup {
    private final Resolver resolver;

    DnsLookup(ValidationSettings settings) {
        // ExtendedResolver() asks the name servers of the system's configuration (resolv.conf and the like).
        Resolver chosen = settings.resolver() == null ? new ExtendedResolver()
                : new SimpleResolver(settings.resolver());
        chosen.setTimeout(settings.timeout());
        this.resolver = chosen;
    }

    /**
     * The records of {@code type} at {@code name} (after CNAMEs); empty when the name exists without such records
     * (NODATA).
     *
     * @throws ValidationFailure "dns" when the name does not exist (NXDOMAIN) or the lookup failed
     */
    List<Record> records(Name name, int type) throws ValidationFailure {
        Lookup lookup = new Lookup(name, type, DClass.IN);
        lookup.setResolver(resolver);
        lookup.setCache(new Cache(DClass.IN));
        lookup.setHostsFileParser(null);
        Record[] answers = lookup.run();
        String what = Type.string(type) + " for " + printable(name);
        return switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL -> Arrays.stream(answers).filter(r -> r.getType() == type).toList();
            case Lookup.TYPE_NOT_FOUND -> List.of();
            case Lookup.HOST_NOT_FOUND -> throw ValidationFailure.dns("NXDOMAIN looking up " + what);
            default -> throw ValidationFailure.dns("DNS problem looking up " + what + ": " + lookup.getErrorString());
        };
    }

    /** The name as written by a person: no trailing dot. */
    static String printable(Name name) {
        return name.toString(true);
    }
}
