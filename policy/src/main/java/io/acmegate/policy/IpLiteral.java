package io.acmegate.policy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP address literals as ACME "ip" identifiers carry them (RFC 8738 §3): parsed without any name lookup,
 * and written back in the one canonical text form, dotted quad for IPv4 and RFC 5952 for IPv6.
 *
 * <p>Stateless and thread-safe.
 */
public final class IpLiteral {
    private static final Pattern DOTTED_QUAD = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    /** Hex groups and colons, possibly ending in a dotted quad; no zone ("%eth0") and no brackets. */
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9a-fA-F:.]+");

    private IpLiteral() {
    }

    /**
     * Parses an IPv4 dotted quad ("192.0.2.1") or an IPv6 literal ("2001:db8::1"), never looking up a name.
     * Accepts non-canonical spellings too ("192.0.2.01" reads as 192.0.2.1, "2001:DB8::1"), so that a caller
     * can compare {@link #canonical} with the text and name the form it wants. Legacy IPv4 forms such as
     * "1.2" or "0x7f.1", zones ("fe80::1%eth0") and brackets are not literals here. An IPv4-mapped IPv6
     * address ("::ffff:192.0.2.1") comes back as the IPv4 address it maps.
     *
     * @return the address, or empty if the text is not such a literal
     * @throws NullPointerException if text is null
     */
    public static Optional<InetAddress> parse(String text) {
        Objects.requireNonNull(text, "text");
        if (DOTTED_QUAD.matcher(text).matches()) {
            return parseIpv4(text);
        }
        if (text.indexOf(':') < 0 || !IPV6_CHARACTERS.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            // Safe from DNS: the text contains ':' and only literal characters, so the JDK parses it as an
            // IPv6 literal and fails rather than resolving it.
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<InetAddress> parseIpv4(String text) {
        String[] parts = text.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            // Decimal always, also with leading zeros: the caller refuses such text as non-canonical anyway.
            int value = Integer.parseInt(parts[i]);
            if (value > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) value;
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new AssertionError("four bytes are always an IPv4 address", e);
        }
    }

    /**
     * The canonical text of an address: dotted quad without leading zeros for IPv4; for IPv6 the RFC 5952 §4
     * form: lower-case hex, no leading zeros in a group, the longest run of two or more zero groups (the
     * first of equal runs) written "::", and no zone.
     *
     * @throws NullPointerException if address is null
     */
    public static String canonical(InetAddress address) {
        Objects.requireNonNull(address, "address");
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        if (!(address instanceof Inet6Address)) {
            throw new IllegalArgumentException("neither IPv4 nor IPv6: " + address);
        }
        byte[] bytes = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // RFC 5952 §4.2.2: a single zero group is never shortened to "::"
        for (int start = 0; start < 8; start++) {
            int length = 0;
            while (start + length < 8 && groups[start + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = start;
                bestLength = length;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!out.isEmpty() && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
