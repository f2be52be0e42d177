package io.acmegate.gateway.model;

import io.acmegate.gateway.acme.problem.Problem;
import java.time.Instant;
import java.util.List;

/**
 * An order (RFC 8555 §7.1.3).
 *
 * @param csr           the DER CSR accepted at finalize, kept so that a restart can resume a
 *                      processing order; null before finalize
 * @param certificateId the issued certificate once the order is valid, else null
 * @param error         why the order became invalid, else null
 * @param replaces      the certificate this order renews (RFC 9773), or null
 * @param origin        where the newOrder request came from, for the audit trail and status; may be null
 * @param terms         the profile and validity asked for; null in orders stored before profiles existed
 */
public record Order(String id, String accountId, OrderStatus status, Instant expires,
                    List<Identifier> identifiers, List<String> authorizationIds, byte[] csr,
                    String certificateId, Problem error, Instant createdAt, Replaces replaces, Origin origin,
                    CertificateTerms terms) {

    /** The client's address and User-Agent as the gateway saw them. */
    public record Origin(String address, String userAgent) {
    }

    /**
     * RFC 9773 §5: the certificate a new order replaces.
     *
     * @param certId        the ARI certificate identifier the client sent (forwarded to the issuing CA)
     * @param certificateId acmegate's id of the replaced certificate
     * @param issuer        the upstream that issued it: the only one that may see {@code certId}
     */
    public record Replaces(String certId, String certificateId, String issuer) {
    }
    public Order {
        identifiers = List.copyOf(identifiers);
        authorizationIds = List.copyOf(authorizationIds);
    }

    /** Moves along RFC 8555 §7.1.6, refusing any transition the state machine does not allow. */
    public Order moveTo(OrderStatus target) {
        if (!status.canMoveTo(target)) {
            throw new IllegalStateException("order " + id + " cannot go from " + status + " to " + target);
        }
        return new Order(id, accountId, target, expires, identifiers, authorizationIds, csr,
                certificateId, error, createdAt, replaces, origin, terms);
    }

    public Order processing(byte[] acceptedCsr) {
        Order next = moveTo(OrderStatus.PROCESSING);
        return new Order(id, accountId, next.status, expires, identifiers, authorizationIds, acceptedCsr,
                null, null, createdAt, replaces, origin, terms);
    }

    public Order valid(String issuedCertificateId) {
        Order next = moveTo(OrderStatus.VALID);
        return new Order(id, accountId, next.status, expires, identifiers, authorizationIds, csr,
                issuedCertificateId, null, createdAt, replaces, origin, terms);
    }

    public Order invalid(Problem why) {
        Order next = moveTo(OrderStatus.INVALID);
        return new Order(id, accountId, next.status, expires, identifiers, authorizationIds, csr,
                null, why, createdAt, replaces, origin, terms);
    }

    /** RFC 8555 §7.1.6: an order that is not final and past its expiry is invalid. */
    public boolean expiredAt(Instant now) {
        return (status == OrderStatus.PENDING || status == OrderStatus.READY) && !now.isBefore(expires);
    }
}
