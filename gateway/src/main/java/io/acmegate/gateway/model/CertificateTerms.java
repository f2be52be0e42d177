package io.acmegate.gateway.model;

import java.time.Instant;

/**
 * What a newOrder asked of the certificate besides its identifiers.
 *
 * @param profile   the certificate profile (the ACME profiles extension), always set: the default when none was asked
 * @param notBefore the requested start of validity (RFC 8555 §7.1.3), or null
 * @param notAfter  the requested end of validity, or null
 */
public record CertificateTerms(String profile, Instant notBefore, Instant notAfter) {
}
