package io.acmegate.gateway.delegation;

import java.util.Locale;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Checks a domain's delegation the way a CA will find it: resolves {@code _acme-challenge.<domain>}
 * CNAME through a resolver (the system's by default) and compares the target.
 */
public final class DelegationCheck {
    /** What the resolver said, in words an operator acts on. */
    public record Result(boolean ok, String message) {
    }

    private DelegationCheck() {
    }

    public static Result check(String domain, String expectedTarget, Resolver resolver) {
        String owner = "_acme-challenge." + domain;
        Lookup lookup;
        try {
            lookup = new Lookup(Name.fromString(owner + "."), Type.CNAME);
        } catch (TextParseException e) {
            return new Result(false, "'" + owner + "' is not a valid DNS name");
        }
        if (resolver != null) {
            lookup.setResolver(resolver);
        }
        lookup.setCache(null);
        Record[] records = lookup.run();
        if (lookup.getResult() == Lookup.HOST_NOT_FOUND || lookup.getResult() == Lookup.TYPE_NOT_FOUND) {
            return new Result(false, owner + " has no CNAME: create " + owner + ". CNAME " + expectedTarget + ".");
        }
        if (lookup.getResult() != Lookup.SUCCESSFUL || records == null) {
            return new Result(false, "cannot resolve " + owner + ": " + lookup.getErrorString());
        }
        String target = ((CNAMERecord) records[0]).getTarget().toString(true).toLowerCase(Locale.ROOT);
        if (!target.equals(expectedTarget)) {
            return new Result(false, owner + " points at " + target + ", not at " + expectedTarget);
        }
        return new Result(true, owner + " CNAME " + target + ": delegated to acmegate");
    }
}
