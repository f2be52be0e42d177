package io.acmegate.gateway.model;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * One client's certificates for one set of names, over time: what renewal status is about.
 *
 * @param id            assigned by the store, increasing; 0 for a lineage not stored yet
 * @param client        who holds it: a downstream ACME account, or a client that reports certificates it got
 *                      elsewhere
 * @param names         the current certificate's names, sorted
 * @param source        how acmegate learnt of it
 * @param current       the newest certificate, or null while the lineage's only order failed
 * @param window        when the current certificate should be renewed (RFC 9773 §4.2), null without one
 * @param reissueAt     when an operator asked for every certificate of the lineage to be replaced (mass re-issue),
 *                      or null; cleared by a certificate issued after it
 * @param lastFailure   the last failed order, or null; it counts while no certificate was issued after it
 * @param notified      the state a notification was last sent (or skipped) for, so that each change is told once
 * @param previousSerials the serials the lineage held before the current one, newest first (bounded): a
 *                        deployment probe that finds one of them served reports an old certificate
 * @param endpoints     where the certificate should be served, for the deployment probe
 * @param deployment    what the probe found at each endpoint, last run
 */
public record Lineage(long id, Client client, List<String> names, Source source, CertificateRef current,
                      RenewalWindow window, Instant reissueAt, Failure lastFailure, String notified,
                      List<String> previousSerials, List<Endpoint> endpoints, List<ProbeResult> deployment,
                      Instant updatedAt) {
    /** How many earlier serials a lineage remembers. */
    public static final int SERIAL_HISTORY = 10;

    public enum Source {
        GATEWAY, REPORT;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param id        the ACME account id, or the reporting client's name
     * @param eabKeyId  the External Account Binding key the account was registered with, or null
     * @param address   the source address of the client's last request
     * @param userAgent the User-Agent of the client's last request
     */
    public record Client(String id, List<String> contact, String eabKeyId, String address, String userAgent) {
        public Client {
            contact = contact == null ? List.of() : List.copyOf(contact);
        }
    }

    /**
     * @param certificateId acmegate's id of the certificate, null for a reported one
     * @param issuedAt      when acmegate issued or was told of it: the start of its lifetime for the renewal window
     *                      (notBefore is back-dated by the CA)
     */
    public record CertificateRef(String certificateId, String serial, Instant notBefore, Instant notAfter,
                                 String issuer, Instant issuedAt, boolean revoked) {
        public CertificateRef asRevoked() {
            return new CertificateRef(certificateId, serial, notBefore, notAfter, issuer, issuedAt, true);
        }
    }

    /** RFC 9773 §4.2 suggestedWindow with its explanation, and where it came from: default, ca or reissue. */
    public record RenewalWindow(Instant start, Instant end, String explanationUrl, String source) {
    }

    public record Failure(Instant at, String reason) {
    }

    /** A TLS endpoint that should serve the lineage's certificate; sni null means the host name. */
    public record Endpoint(String host, int port, String sni) {
        public String serverName() {
            return sni != null ? sni : host;
        }
    }

    /** @param result current, older, unknown or unreachable */
    public record ProbeResult(Endpoint endpoint, String result, String servedSerial, String detail, Instant checkedAt) {
    }

    public Lineage {
        names = List.copyOf(new TreeSet<>(names));
        previousSerials = previousSerials == null ? List.of() : List.copyOf(previousSerials);
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        deployment = deployment == null ? List.of() : List.copyOf(deployment);
    }

    /** The identity of a lineage without {@code replaces}: one client, one set of names. */
    public static String key(String clientId, List<String> names) {
        return clientId + " " + String.join(",", new TreeSet<>(names));
    }

    public String key() {
        return key(client.id(), names);
    }

    public Lineage withId(long newId) {
        return new Lineage(newId, client, names, source, current, window, reissueAt, lastFailure, notified,
                previousSerials, endpoints, deployment, updatedAt);
    }

    public Lineage withNotified(String state) {
        return new Lineage(id, client, names, source, current, window, reissueAt, lastFailure, state,
                previousSerials, endpoints, deployment, updatedAt);
    }

    public Lineage withEndpoints(List<Endpoint> next, Instant at) {
        return new Lineage(id, client, names, source, current, window, reissueAt, lastFailure, notified,
                previousSerials, next, deployment.stream().filter(r -> next.contains(r.endpoint())).toList(), at);
    }

    public Lineage withDeployment(List<ProbeResult> results) {
        return new Lineage(id, client, names, source, current, window, reissueAt, lastFailure, notified,
                previousSerials, endpoints, results, updatedAt);
    }
}
