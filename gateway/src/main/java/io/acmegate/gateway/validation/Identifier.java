package io.acmegate.gateway.validation;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import org.xbill.DNS.Address;
import org.xbill.DNS.Name;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TextParseException;

/**
 * An identifier being validated, parsed once.
 *
 * @param text the identifier's value as the client gave it
 * @param name for a dns identifier the name; for an ip identifier its reverse-mapping name (in-addr.arpa or
 *             ip6.arpa), which tls-alpn-01 sends as SNI (RFC 8738 §6)
 * @param ip   the address of an ip identifier; {@code null} for a dns identifier
 */
record Identifier(String text, Name name, InetAddress ip) {

    /**
     * @throws ValidationFailure "malformed" for an unknown type, a wildcard, a name that does not parse or an
     *                           ip value that is no IPv4 or IPv6 literal
     */
    static Identifier parse(String type, String value) throws ValidationFailure {
        if (value == null || value.isEmpty()) {
            throw ValidationFailure.malformed("The identifier value is empty");
        }
        if ("dns".equals(type)) {
            if (value.startsWith("*.")) {
                // RFC 8555 §7.1.3: a wildcard is validated for its base name, and only with dns-01.
                throw ValidationFailure.malformed("A wildcard is validated for its base name: " + value);
            }
            if (!value.chars().allMatch(Identifier::isHostNameCharacter)) {
                // RFC 8555 §7.1.4: names are sent as ASCII (A-labels), so anything else cannot be a host name.
                throw ValidationFailure.malformed("Not a DNS name: " + Details.excerpt(value));
            }
            try {
                return new Identifier(value, Name.fromString(value, Name.root), null);
            } catch (TextParseException e) {
                throw ValidationFailure.malformed("Not a DNS name: " + Details.excerpt(value));
            }
        }
        if ("ip".equals(type)) {
            try {
                // Address.getByAddress parses literals only: no lookup can happen here.
                InetAddress ip = Address.getByAddress(value);
                return new Identifier(value, ReverseMap.fromAddress(ip), ip);
            } catch (UnknownHostException e) {
                throw ValidationFailure.malformed("Not an IP address: " + Details.excerpt(value));
            }
        }
        throw ValidationFailure.malformed("Unknown identifier type " + Details.excerpt(String.valueOf(type)));
    }

    private static boolean isHostNameCharacter(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                || c == '_';
    }

    boolean isIp() {
        return ip != null;
    }

    /** The host as it appears in a URL: the name without trailing dot, the IPv4 literal, or [IPv6 literal]. */
    String urlHost() {
        if (ip == null) {
            return DnsLookup.printable(name).toLowerCase(Locale.ROOT);
        }
        return ip instanceof Inet6Address ? "[" + text + "]" : text;
    }
}
