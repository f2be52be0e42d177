package io.acmegate.gateway.issuance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.TestCsrs;
import io.acmegate.gateway.acme.problem.AcmeProblemException;
import io.acmegate.gateway.acme.problem.ProblemType;
import io.acmegate.gateway.ca.LocalCa;
import io.acmegate.gateway.metrics.GatewayMetrics;
import io.acmegate.gateway.model.Identifier;
import io.acmegate.gateway.model.Order;
import io.acmegate.gateway.model.OrderStatus;
import io.acmegate.gateway.status.LineageBook;
import io.acmegate.gateway.status.StatusIndex;
import io.acmegate.gateway.store.MapDbStore;
import io.acmegate.gateway.upstream.CaFallback;
import io.acmegate.gateway.upstream.LocalCaUpstream;
import io.acmegate.gateway.upstream.Upstream;
import io.acmegate.gateway.upstream.UpstreamCertificate;
import io.acmegate.gateway.upstream.UpstreamException;
import io.acmegate.gateway.upstream.UpstreamRequest;
import io.acmegate.gateway.upstream.UpstreamRouter;
import io.acmegate.policy.CertificateProfiles;
import io.acmegate.policy.IssuancePolicy;
import io.acmegate.policy.LimitConfig;
import io.acmegate.policy.RateLimits;
import io.acmegate.policy.ValidationFailures;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finalize (RFC 8555 §7.4) and the durability of what it answers: an order becomes processing in the store
 * before a client is told so, and only then; one finalize at a time per order. The upstream is the local CA
 * behind a gate, so that a test decides when issuance ends.
 */
class FinalizeTest {
    private static final String NAME = "finalize.example.test";

    @TempDir
    Path dir;

    private final Clock clock = Clock.systemUTC();
    private final CertificateProfiles profiles = CertificateProfiles.single(Duration.ofDays(90));
    private final ValidationFailures failures =
            new ValidationFailures(3, Duration.ofHours(1), Duration.ofHours(1), clock);
    private final ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
    private MapDbStore store;
    private GatedUpstream upstream;
    private IssuanceJobs jobs;

    @BeforeEach
    void open() {
        store = MapDbStore.open(dir.resolve("store.db"));
        upstream = new GatedUpstream(new LocalCaUpstream(LocalCa.openOrCreate(dir.resolve("ca")), profiles, clock));
        CaFallback fallback = new CaFallback(Map.of(upstream.name(), upstream),
                request -> new UpstreamRouter.Route(List.of(upstream.name()), List.of()), 3, Duration.ofMinutes(5),
                failures, clock);
        StatusIndex index = StatusIndex.load(store);
        jobs = new IssuanceJobs(store, fallback, new LineageBook(store, index, clock), new GatewayMetrics(index, clock));
    }

    @AfterEach
    void close() {
        upstream.open();
        clients.shutdownNow();
        jobs.close();
        store.close();
    }

    @Test
    void issuanceWithinTheWaitStoresOnlyItsOutcome() throws Exception {
        Order ready = readyOrder("order-1");
        Future<Order> answer = clients.submit(() -> service(Duration.ofSeconds(30)).finalizeOrder(ready, csr()));
        assertTrue(upstream.entered.await(10, TimeUnit.SECONDS));

        // Issuing, and the client not answered yet: nothing to resume after a crash, the client finalizes again.
        assertEquals(OrderStatus.READY, store.order("order-1").orElseThrow().status());
        assertEquals(List.of(), store.processingOrders());

        upstream.open();
        Order valid = answer.get(10, TimeUnit.SECONDS);
        assertEquals(OrderStatus.VALID, valid.status());
        assertEquals(valid.certificateId(), store.order("order-1").orElseThrow().certificateId());
        assertTrue(store.certificate(valid.certificateId()).isPresent());
    }

    @Test
    void issuanceOutlastingTheWaitIsStoredAsProcessingBeforeTheAnswer() throws Exception {
        Order ready = readyOrder("order-1");
        Order answered = service(Duration.ofMillis(200)).finalizeOrder(ready, csr());

        assertEquals(OrderStatus.PROCESSING, answered.status());
        Order stored = store.order("order-1").orElseThrow();
        assertEquals(OrderStatus.PROCESSING, stored.status());
        assertTrue(stored.csr().length > 0, "a restart re-runs the job from the stored CSR");
        assertEquals(List.of("order-1"), store.processingOrders().stream().map(Order::id).toList());

        upstream.open();
        assertEquals(OrderStatus.VALID, awaitFinal("order-1").status());
    }

    @Test
    void oneFinalizeAtATimeAndNoneAfterTheOrderIsValid() throws Exception {
        Order ready = readyOrder("order-1");
        OrderService service = service(Duration.ofSeconds(30));
        Future<Order> first = clients.submit(() -> service.finalizeOrder(ready, csr()));
        assertTrue(upstream.entered.await(10, TimeUnit.SECONDS));

        AcmeProblemException concurrent = assertThrows(AcmeProblemException.class,
                () -> service.finalizeOrder(ready, csr()));
        assertEquals(ProblemType.ORDER_NOT_READY, concurrent.problem().type());

        upstream.open();
        assertEquals(OrderStatus.VALID, first.get(10, TimeUnit.SECONDS).status());
        // A request that loaded the order while it was still ready, and finalizes only now.
        AcmeProblemException late = assertThrows(AcmeProblemException.class,
                () -> service.finalizeOrder(ready, csr()));
        assertEquals(ProblemType.ORDER_NOT_READY, late.problem().type());
        assertEquals(1, upstream.issued.get(), "one certificate per order");
    }

    private OrderService service(Duration finalizeWait) {
        OrderLimits limits = new OrderLimits(new RateLimits(LimitConfig.per(100, Duration.ofHours(1)),
                LimitConfig.per(100, Duration.ofHours(1)), clock), failures, clock);
        return new OrderService(store, IssuancePolicy.embeddedDefault(), profiles, jobs, limits, finalizeWait, clock);
    }

    private Order readyOrder(String id) {
        Instant now = clock.instant();
        Order ready = new Order(id, "account-1", OrderStatus.READY, now.plus(Duration.ofDays(1)),
                List.of(Identifier.dns(NAME)), List.of(), null, null, null, now, null, null, null);
        store.createOrder(ready, List.of());
        return ready;
    }

    private static ObjectNode csr() throws Exception {
        return JsonNodeFactory.instance.objectNode()
                .put("csr", Base64.getUrlEncoder().withoutPadding().encodeToString(TestCsrs.der(NAME)));
    }

    private Order awaitFinal(String id) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Order order = store.order(id).orElseThrow();
            if (order.status().isFinal()) {
                return order;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("order " + id + " did not end within 10 s");
    }

    /** The local CA, issuing only once the test opens the gate; counts what it issued. */
    private static final class GatedUpstream implements Upstream {
        private final Upstream ca;
        private final CountDownLatch gate = new CountDownLatch(1);
        final CountDownLatch entered = new CountDownLatch(1);
        final AtomicInteger issued = new AtomicInteger();

        GatedUpstream(Upstream ca) {
            this.ca = ca;
        }

        void open() {
            gate.countDown();
        }

        @Override
        public String name() {
            return ca.name();
        }

        @Override
        public UpstreamCertificate issue(UpstreamRequest request) throws UpstreamException {
            entered.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UpstreamException.Unavailable("interrupted", null, null);
            }
            issued.incrementAndGet();
            return ca.issue(request);
        }

        @Override
        public void revoke(byte[] certificateDer, int reason) throws UpstreamException {
            ca.revoke(certificateDer, reason);
        }
    }
}
