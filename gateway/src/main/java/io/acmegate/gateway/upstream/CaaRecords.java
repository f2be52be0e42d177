package io.acmegate.gateway.upstream;

import java.util.ArrayList;
import java.util.List;

/**
 * The CAA records (RFC 8659) that allow exactly acmegate's upstream accounts to issue for a domain,
 * bound to each account with RFC 8657 {@code accounturi}: operators who pin their domains to CA accounts
 * then keep every fallback CA usable, and nobody else's account at the same CA.
 */
public final class CaaRecords {
    private CaaRecords() {
    }

    /** One issue and one issuewild record per CA identity of every upstream, in route order. */
    public static List<String> forDomain(String domain, List<Upstream> upstreams) throws UpstreamException {
        List<String> records = new ArrayList<>();
        for (Upstream upstream : upstreams) {
            for (String identity : upstream.caaIdentities()) {
                String value = identity + (upstream.accountUrl() == null ? "" : "; accounturi=" + upstream.accountUrl());
                records.add(domain + ". CAA 0 issue \"" + value + "\"");
                records.add(domain + ". CAA 0 issuewild \"" + value + "\"");
            }
        }
        return records;
    }
}
