/**
 * The built-in {@code rfc2136} DNS provider: RFC 2136 dynamic update signed with an RFC 8945 TSIG key, sent over TCP
 * to the zone's primary server (BIND, Knot, PowerDNS, ...). For zones that acmegate does not serve and that are not
 * CNAME-delegated to it.
 */
package io.acmegate.plugins.dns.rfc2136;
