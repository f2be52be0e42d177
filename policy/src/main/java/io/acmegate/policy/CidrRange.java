package io.acmegate.policy;

import java.net.InetAddress;

/** An IPv4 or IPv6 network in CIDR notation ("192.0.2.0/24", "2001:db8::/32"), as acme-dns's allowfrom. */
public record CidrRange(byte[] network, int prefixLength, String text) {

    /** @throws IllegalArgumentException unless the text is an address literal with a prefix length */
    public static CidrRange parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a CIDR range (no prefix length): " + text);
        }
        String address = text.substring(0, slash);
        // Literals only (see IpLiteral): no host names, and no legacy IPv4 forms such as "1.2".
        InetAddress literal = IpLiteral.parse(address)
                .orElseThrow(() -> new IllegalArgumentException("not an IP address literal: " + address));
        byte[] bytes = literal.getAddress();
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a CIDR range: " + text);
        }
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("prefix length out of range: " + text);
        }
        return new CidrRange(bytes, prefix, text);
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (candidate[full] & mask) == (network[full] & mask);
    }
}
