package io.acmegate.gateway.issuance;

import io.acmegate.gateway.acme.problem.Problem;
import io.acmegate.gateway.acme.problem.ProblemType;
import io.acmegate.gateway.acme.problem.Problems;
import io.acmegate.gateway.model.IssuedCertificate;
import io.acmegate.gateway.model.Order;
import io.acmegate.gateway.model.ResourceIds;
import io.acmegate.gateway.store.Store;
import io.acmegate.gateway.metrics.GatewayMetrics;
import io.acmegate.gateway.status.LineageBook;
import io.acmegate.gateway.model.AuditEvent;
import io.acmegate.gateway.upstream.CaAttempt;
import io.acmegate.gateway.upstream.CaFallback;
import io.acmegate.gateway.upstream.Upstream;
import io.acmegate.gateway.upstream.UpstreamCertificate;
import io.acmegate.gateway.upstream.UpstreamException;
import io.acmegate.gateway.upstream.UpstreamRequest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Issuance as a durable job (DESIGN): once a client is told its order is processing, the job is the stored
 * order in state processing with its CSR (finalize stores it so only when the job outlasts its wait). A job
 * obtains the certificate through the CA fallback and ends by storing the certificate and the valid order in
 * one write, or the invalid order with the reason; {@link #resumeAll()} restarts whatever a previous process
 * left in processing.
 */
public final class IssuanceJobs implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(IssuanceJobs.class.getName());

    private final Store store;
    private final CaFallback fallback;
    private final LineageBook lineages;
    private final GatewayMetrics metrics;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    public IssuanceJobs(Store store, CaFallback fallback, LineageBook lineages, GatewayMetrics metrics) {
        this.store = store;
        this.fallback = fallback;
        this.lineages = lineages;
        this.metrics = metrics;
    }

    /**
     * Runs the job of an order that finalize moves to processing; completes with the final order.
     *
     * @param csr the order's CSR as finalize checked it
     */
    public CompletableFuture<Order> submit(Order processing, ValidCsr csr) {
        return CompletableFuture.supplyAsync(() -> run(processing, () -> csr), executor);
    }

    /** Restarts every job that a previous process left unfinished; their stored CSRs are checked again. */
    public List<Order> resumeAll() {
        List<Order> unfinished = store.processingOrders();
        for (Order order : unfinished) {
            CompletableFuture.supplyAsync(() -> run(order,
                    () -> CsrCheck.check(order.csr(), order.identifiers())), executor);
        }
        return unfinished;
    }

    private Order run(Order order, Supplier<ValidCsr> checkedCsr) {
        try {
            ValidCsr csr = checkedCsr.get();
            Order.Replaces replaces = order.replaces();
            CaFallback.Result result = fallback.issue(new UpstreamRequest(order.id(), order.identifiers(), csr.der(),
                    replaces == null ? null : replaces.certId(), order.terms()), replaces == null ? null : replaces.issuer());
            IssuedCertificate certificate = certificate(order, result.certificate());
            Order valid = order.valid(certificate.id());
            List<AuditEvent> audit = audit(order, result.attempts());
            lineages.issued(valid, certificate, result.certificate().renewalWindow(),
                    lineage -> store.completeOrder(valid, certificate, audit, lineage));
            count(result.attempts(), "valid", certificate.issuer());
            return valid;
        } catch (CaFallback.Exhausted e) {
            store.appendAudit(audit(order, e.attempts()));
            count(e.attempts(), "invalid", null);
            return fail(order, problemFor(e));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "issuance failed for order " + order.id(), e);
            return fail(order, Problems.serverInternal("issuance failed: " + e.getMessage()).problem());
        }
    }

    /** Every upstream attempt of an order, for the audit trail; "which CA issued" is the issued one. */
    private List<AuditEvent> audit(Order order, List<CaAttempt> attempts) {
        List<String> names = order.identifiers().stream().map(i -> i.value()).toList();
        return attempts.stream().map(a -> new AuditEvent(a.at(), a.outcome() == CaAttempt.Outcome.ISSUED ? "issued"
                        : "upstream-attempt", order.accountId(), order.id(), names, a.upstream(),
                fallback.upstream(a.upstream()).map(Upstream::accountUrl).orElse(null),
                a.outcome().name().toLowerCase(java.util.Locale.ROOT), a.reason(),
                order.origin() == null ? null : order.origin().address())).toList();
    }

    private Order fail(Order order, Problem problem) {
        Order invalid = order.invalid(problem);
        store.updateOrder(invalid);
        lineages.failed(invalid, problem.detail());
        return invalid;
    }

    private void count(List<CaAttempt> attempts, String outcome, String issuer) {
        attempts.forEach(a -> metrics.upstreamAttempt(a.upstream(), a.outcome().name().toLowerCase(java.util.Locale.ROOT)));
        metrics.order(outcome, issuer);
    }

    /**
     * The problem the client sees when no upstream issued. Rate limits are passed on as rateLimited (with
     * the attempts in the detail), a refused request as badCSR-like malformed, the rest as serverInternal.
     */
    static Problem problemFor(CaFallback.Exhausted e) {
        ProblemType type = e.last() instanceof UpstreamException.RateLimited ? ProblemType.RATE_LIMITED
                : e.last() instanceof UpstreamException.Refused ? ProblemType.MALFORMED
                : ProblemType.SERVER_INTERNAL;
        return new Problem(type, "no upstream CA issued the certificate: " + e.getMessage(), type.defaultStatus(),
                null, null);
    }

    private static IssuedCertificate certificate(Order order, UpstreamCertificate issued) {
        X509Certificate leaf;
        try {
            leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(issued.chainPem().getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("upstream " + issued.upstream() + " returned no readable certificate", e);
        }
        return new IssuedCertificate(ResourceIds.next(), order.accountId(), order.id(),
                leaf.getSerialNumber().toString(16), issued.chainPem(), leaf.getNotBefore().toInstant(),
                leaf.getNotAfter().toInstant(), issued.upstream(), null, issued.alternates());
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
