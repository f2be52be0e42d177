package io.acmegate.gateway.issuance;

import io.acmegate.gateway.acme.problem.Problems;
import io.acmegate.gateway.ca.IssuedChain;
import io.acmegate.gateway.ca.LocalCa;
import io.acmegate.gateway.model.IssuedCertificate;
import io.acmegate.gateway.model.Order;
import io.acmegate.gateway.model.ResourceIds;
import io.acmegate.gateway.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Issuance as a durable job (DESIGN): the job is the stored order in state processing with its CSR.
 * A job ends by storing the certificate and the valid order in one write, or the invalid order with
 * the reason; {@link #resumeAll()} restarts whatever a previous process left in processing.
 */
public final class IssuanceJobs implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(IssuanceJobs.class.getName());
    static final String LOCAL_ISSUER = "local";

    private final Store store;
    private final LocalCa ca;
    private final Duration lifetime;
    private final Clock clock;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    public IssuanceJobs(Store store, LocalCa ca, Duration lifetime, Clock clock) {
        this.store = store;
        this.ca = ca;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /**
     * Runs the job of an order already stored as processing; completes with the final order.
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

    private Order run(Order order, java.util.function.Supplier<ValidCsr> checkedCsr) {
        try {
            ValidCsr csr = checkedCsr.get();
            IssuedChain chain = ca.issue(csr.publicKey(), order.identifiers().stream().map(i -> i.value()).toList(),
                    lifetime);
            IssuedCertificate certificate = new IssuedCertificate(ResourceIds.next(), order.accountId(), order.id(),
                    chain.serialHex(), chain.pem(), chain.leaf().getNotBefore().toInstant(),
                    chain.leaf().getNotAfter().toInstant(), LOCAL_ISSUER, null);
            Order valid = order.valid(certificate.id());
            store.completeOrder(valid, certificate);
            return valid;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "issuance failed for order " + order.id(), e);
            Order invalid = order.invalid(Problems.serverInternal("issuance failed: " + e.getMessage()).problem());
            store.updateOrder(invalid);
            return invalid;
        }
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
