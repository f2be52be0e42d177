package io.acmegate.gateway.validation;

import java.util.Map;

/** The challenge checks acmegate performs when it validates its downstream clients itself. */
public final class ChallengeChecks {
    private ChallengeChecks() {
    }

    /** http-01, RFC 8555 §8.3 (and RFC 8738 §5 for ip identifiers). */
    public static ChallengeCheck http01(ValidationSettings settings) {
        return new Http01Check(settings, new DnsLookup(settings));
    }

    /** dns-01, RFC 8555 §8.4; dns identifiers only. */
    public static ChallengeCheck dns01(ValidationSettings settings) {
        return new Dns01Check(new DnsLookup(settings));
    }

    /** tls-alpn-01, RFC 8737 (and RFC 8738 §6 for ip identifiers). */
    public static ChallengeCheck tlsAlpn01(ValidationSettings settings) {
        return new TlsAlpn01Check(settings, new DnsLookup(settings));
    }

    /** All three checks by challenge type name: "http-01", "dns-01", "tls-alpn-01". Immutable. */
    public static Map<String, ChallengeCheck> all(ValidationSettings settings) {
        DnsLookup dns = new DnsLookup(settings);
        ChallengeCheck http = new Http01Check(settings, dns);
        ChallengeCheck txt = new Dns01Check(dns);
        ChallengeCheck alpn = new TlsAlpn01Check(settings, dns);
        return Map.of(http.type(), http, txt.type(), txt, alpn.type(), alpn);
    }
}
