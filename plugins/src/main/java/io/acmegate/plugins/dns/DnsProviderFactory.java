package io.acmegate.plugins.dns;

import java.util.Map;

/**
 * Creates {@link DnsProvider}s of one type from their settings. Implementations are found with
 * {@link java.util.ServiceLoader}: a plugin jar names its factory class in
 * {@code META-INF/services/io.acmegate.plugins.dns.DnsProviderFactory}; the class is public with a public
 * no-argument constructor.
 */
public interface DnsProviderFactory {

    /** The type that configuration names, e.g. {@code rfc2136}; unique among the factories on the class path. */
    String type();

    /**
     * Creates a provider from its configured settings. Does no network I/O: a server that is down at start-up
     * shows as retryable failures later, not as a start-up error.
     *
     * @param name     the instance name, for logs and status
     * @param settings the instance's settings, by key; values are never null
     * @throws IllegalArgumentException when a setting is missing, unknown or invalid, with a one-line message that
     *                                  names the provider and the setting (and never quotes a secret)
     */
    DnsProvider create(String name, Map<String, String> settings);
}
