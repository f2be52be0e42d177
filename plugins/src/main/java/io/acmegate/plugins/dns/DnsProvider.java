package io.acmegate.plugins.dns;

import java.time.Duration;

/**
 * A DNS hosting API that can publish TXT records in the zones it manages (DESIGN.md, "Managed Challenges").
 *
 * <p>Names are fully qualified, in lower case, without the trailing dot, and in A-labels (IDNA), e.g.
 * {@code _acme-challenge.shop.example.com}. Implementations are safe for concurrent use. Both changes are idempotent:
 * publishing a value that is already there, or withdrawing one that is not, succeeds.
 */
public interface DnsProvider extends AutoCloseable {

    /** The configured instance name, for logs and status; never a secret. */
    String name();

    /** Whether {@code fqdn} is in a zone this provider manages, so that it can publish records there. */
    boolean covers(String fqdn);

    /**
     * Adds one TXT value at {@code fqdn}; other values at that name stay (several authorizations for the same name,
     * e.g. a wildcard and its base name, each need theirs: RFC 8555 §8.4).
     *
     * @param value one character string: at most 255 printable ASCII characters, e.g. the dns-01 key
     *              authorization digest (RFC 8555 §8.4)
     * @param ttl   the record's TTL, or null for the provider's configured default
     * @throws DnsProviderException when the record was not published; {@link DnsProviderException#retryable()}
     *                              says whether trying again later may succeed
     * @throws IllegalArgumentException when {@code fqdn} is not a valid name or {@code value} is not a valid
     *                              TXT string
     */
    void publishTxt(String fqdn, String value, Duration ttl) throws DnsProviderException;

    /**
     * Removes exactly this TXT value at {@code fqdn}, leaving any other values.
     *
     * @throws DnsProviderException as for {@link #publishTxt}
     */
    void withdrawTxt(String fqdn, String value) throws DnsProviderException;

    /** Releases what the provider holds (connections, threads); it is not used afterwards. Never throws. */
    @Override
    default void close() {
    }
}
