package io.acmegate.dns;

import java.util.List;

/**
 * The records the responder serves, handed to it by its owner (the gateway implements this over its challenge
 * board). The responder knows nothing about ACME: it asks this source on every query and answers with what it
 * gets, so a value published here is visible to the very next query.
 *
 * <p>Names passed in are absolute, lower case, without the trailing dot, in presentation form (for example
 * {@code "abc123.acme.gw.example.net"}), and always inside one of the served zones. Implementations must be
 * thread-safe and fast (no I/O): they run on the network threads. An exception thrown here turns the query
 * into SERVFAIL.
 */
public interface TxtRecordSource {

    /**
     * The TXT values published at {@code name}, in any order; an empty list if none. Values are ASCII strings
     * (an ACME dns-01 value is 43 base64url characters); a value longer than 255 characters is served as one
     * TXT record made of several 255-character strings.
     */
    List<String> txt(String name);

    /**
     * Whether any record exists at {@code name} or at a name below it. The responder uses it to answer an empty
     * non-terminal (say {@code sub.acme.gw.example.net} when only {@code x.sub.acme.gw.example.net} holds a
     * value) with NODATA rather than NXDOMAIN (RFC 8020: NXDOMAIN means nothing exists below either).
     * The default looks at the name itself only, which is exact for the flat acme-dns layout of one label per
     * customer.
     */
    default boolean existsAtOrBelow(String name) {
        return !txt(name).isEmpty();
    }
}
