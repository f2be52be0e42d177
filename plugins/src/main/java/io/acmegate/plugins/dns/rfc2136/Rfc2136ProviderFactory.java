package io.acmegate.plugins.dns.rfc2136;

import io.acmegate.plugins.dns.DnsProvider;
import io.acmegate.plugins.dns.DnsProviderFactory;
import java.util.Map;

/**
 * The {@code rfc2136} provider type. Settings (see {@link Rfc2136Settings}): {@code server} (host or host:port,
 * port 53 by default), {@code zone}, {@code tsig-key-name}, {@code tsig-algorithm} (hmac-sha256 by default,
 * hmac-sha384, hmac-sha512), {@code tsig-secret} (base64), {@code ttl} (seconds, 60 by default) and
 * {@code timeout} (e.g. 10s, 500ms; 10s by default).
 */
public final class Rfc2136ProviderFactory implements DnsProviderFactory {

    public static final String TYPE = "rfc2136";

    /** For {@link java.util.ServiceLoader}. */
    public Rfc2136ProviderFactory() {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public DnsProvider create(String name, Map<String, String> settings) {
        return new Rfc2136Provider(name, Rfc2136Settings.parse(name, settings));
    }
}
