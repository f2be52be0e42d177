/**
 * DNS provider plugins (DESIGN.md, "Managed Challenges"): a {@link io.acmegate.plugins.dns.DnsProvider} publishes
 * the upstream CA's dns-01 TXT record ({@code _acme-challenge.<name>}, RFC 8555 §8.4) directly in a customer's zone
 * when that name is not CNAME-delegated to acmegate. Factories are found by type with
 * {@link io.acmegate.plugins.dns.DnsProviders}; the built-in type is {@code rfc2136}.
 */
package io.acmegate.plugins.dns;
