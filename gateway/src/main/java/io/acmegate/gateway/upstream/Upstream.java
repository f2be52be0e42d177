package io.acmegate.gateway.upstream;

/**
 * A CA that acmegate obtains certificates from with one of its own accounts: an ACME CA reached through
 * acme4j, or the built-in local CA. Implementations are thread-safe.
 *
 * <p>Failures are thrown as {@link UpstreamException} subclasses that say what went wrong in the
 * protocol's words, so that the fallback can decide by type: try the next CA, wait, or give up.
 */
public interface Upstream {

    /** The configured account name ("letsencrypt", "local"); stable, it is stored with each certificate. */
    String name();

    /** The account URL at the CA, for CAA accounturi (RFC 8657) and status; null for the local CA. */
    default String accountUrl() {
        return null;
    }

    /**
     * The CAA issuer domain names the CA recognises (RFC 8555 §7.1.1 caaIdentities), for CAA records
     * that allow exactly this account (RFC 8657 accounturi); empty for a CA that no CAA record names
     * (the local CA). May register the account first.
     */
    default java.util.List<String> caaIdentities() throws UpstreamException {
        return java.util.List.of();
    }

    /**
     * Orders a certificate for exactly these identifiers with the client's CSR, proving control of the
     * names as the CA asks, and returns the chain the CA issued. Blocks until done or failed.
     */
    UpstreamCertificate issue(UpstreamRequest request) throws UpstreamException;

    /**
     * The CA's current renewal window for a certificate it issued (RFC 9773 §4.2), to be relayed to acmegate's
     * clients; empty when the CA offers no renewal information (and for the local CA, whose window is acmegate's).
     */
    default java.util.Optional<io.acmegate.gateway.model.Lineage.RenewalWindow> renewalWindow(
            java.security.cert.X509Certificate certificate) {
        return java.util.Optional.empty();
    }

    /** Revokes a certificate this upstream issued (RFC 8555 §7.6, or the local CA's own record). */
    void revoke(byte[] certificateDer, int reason) throws UpstreamException;
}
