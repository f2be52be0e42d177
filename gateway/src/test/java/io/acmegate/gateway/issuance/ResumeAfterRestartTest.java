package io.acmegate.gateway.issuance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.acmegate.gateway.Gateway;
import io.acmegate.gateway.TestCsrs;
import io.acmegate.gateway.config.GatewayConfig;
import io.acmegate.gateway.model.Identifier;
import io.acmegate.gateway.model.Order;
import io.acmegate.gateway.model.OrderStatus;
import io.acmegate.gateway.store.MapDbStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN: issuance is a durable job. An order a previous process left in {@code processing} (as a
 * kill -9 right after finalize leaves it) is issued when the gateway starts again.
 */
class ResumeAfterRestartTest {
    @TempDir
    Path dataDir;

    @Test
    void processingOrdersAreIssuedOnStart() throws Exception {
        GatewayConfig config = GatewayConfig.forTests(dataDir);
        Instant now = Instant.now();
        List<Identifier> names = List.of(Identifier.dns("resume.example.test"));
        try (MapDbStore store = MapDbStore.open(config.storeFile())) {
            Order ready = new Order("order-1", "account-1", OrderStatus.READY, now.plus(Duration.ofDays(1)), names,
                    List.of(), null, null, null, now, null, null, null);
            store.createOrder(ready, List.of());
            store.updateOrder(ready.processing(TestCsrs.der("resume.example.test")));
        }
        try (Gateway gateway = Gateway.start(config)) {
            assertEquals(1, gateway.resumedJobs());
            Order order = awaitFinal(gateway, "order-1");
            assertEquals(OrderStatus.VALID, order.status(), String.valueOf(order.error()));
            assertNotNull(gateway.store().certificate(order.certificateId()).orElseThrow().chainPem());
            assertEquals(List.of(), gateway.store().processingOrders());
        }
    }

    private static Order awaitFinal(Gateway gateway, String id) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            Order order = gateway.store().order(id).orElseThrow();
            if (order.status().isFinal()) {
                return order;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("order " + id + " was not resumed within 5 s");
    }
}
