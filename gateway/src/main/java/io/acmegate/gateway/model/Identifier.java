package io.acmegate.gateway.model;

import java.util.Locale;

/**
 * An ACME identifier (RFC 8555 §7.1.3). Values are kept in lower case: DNS names compare
 * case-insensitively, and a certificate must name exactly what the order named.
 */
public record Identifier(String type, String value) {
    public static final String DNS = "dns";

    public Identifier {
        type = type.toLowerCase(Locale.ROOT);
        value = value.toLowerCase(Locale.ROOT);
    }

    public static Identifier dns(String name) {
        return new Identifier(DNS, name);
    }

    public boolean isWildcard() {
        return value.startsWith("*.");
    }

    /** The name an authorization is for: a wildcard's base domain (RFC 8555 §7.1.4). */
    public Identifier withoutWildcard() {
        return isWildcard() ? new Identifier(type, value.substring(2)) : this;
    }
}
