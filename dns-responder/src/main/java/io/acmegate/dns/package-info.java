/**
 * The authoritative DNS responder for delegated {@code _acme-challenge} names (DESIGN.md,
 * "dns-responder"): Netty transport, dnsjava wire format, serving the records a small source interface
 * hands it. Empty until the responders issue.
 */
package io.acmegate.dns;
