package io.acmegate.gateway.model;

import java.util.Locale;

/**
 * An ACME identifier (RFC 8555 §7.1.3). Values are kept in lower case: DNS names compare
 * case-insensitively, and a certificate must name exactly what the order named.
 */
public record Identifier(String type, String value) {
    public static final String DNS = "dns";
    /** RFC 8738: an IP address, in its canonical text form. */
    public static final String IP = "ip";

    public Identifier {
        type = type.toLowerCase(Locale.ROOT);
        value = value.toLowerCase(Locale.ROOT);
    }

    public static Identifier dns(String name) {
        return new Identifier(DNS, name);
    }

    public static Identifier ip(String address) {
        return new Identifier(IP, address);
    }

    public boolean isIp() {
        return IP.equals(type);
    }

    public boolean isWildcard() {
        return value.startsWith("*.");
    }

    /** The name an authorization is for: a wildcard's base domain (RFC 8555 §7.1.4). */
    public Identifier withoutWildcard() {
        return isWildcard() ? new Identifier(type, value.substring(2)) : this;
    }
}
