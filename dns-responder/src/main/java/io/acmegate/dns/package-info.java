/**
 * The authoritative DNS responder for delegated {@code _acme-challenge} names (DESIGN.md, "dns-responder", the
 * acme-dns model): customers CNAME {@code _acme-challenge.shop.example.com} to a name in a delegation zone such
 * as {@code acme.gw.example.net}, and this responder serves that zone over UDP and TCP.
 *
 * <p>Public surface: {@link io.acmegate.dns.DnsResponder} (start, address, stats, close),
 * {@link io.acmegate.dns.DnsResponderConfig}, {@link io.acmegate.dns.DnsZone} and
 * {@link io.acmegate.dns.TxtRecordSource}, which the gateway implements over its challenge board. Inside:
 * {@code Answerer} holds every answering rule as a function from a parsed query to a reply (dnsjava's
 * {@code Message}); {@code WireResponder} parses, limits sizes and rate-limits; the Netty handlers only move
 * bytes.
 */
package io.acmegate.dns;
