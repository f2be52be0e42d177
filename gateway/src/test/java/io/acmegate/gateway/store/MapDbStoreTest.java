package io.acmegate.gateway.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmegate.gateway.acme.problem.Problems;
import io.acmegate.gateway.model.Account;
import io.acmegate.gateway.model.AccountStatus;
import io.acmegate.gateway.model.Authorization;
import io.acmegate.gateway.model.AuthorizationStatus;
import io.acmegate.gateway.model.EabKey;
import io.acmegate.gateway.model.Identifier;
import io.acmegate.gateway.model.IssuedCertificate;
import io.acmegate.gateway.model.Order;
import io.acmegate.gateway.model.OrderStatus;
import io.acmegate.gateway.model.Lineage;
import io.acmegate.gateway.status.TestLineages;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

class MapDbStoreTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @TempDir
    Path dir;

    private static Account account(String id, String thumbprint) {
        return new Account(id, thumbprint, "{\"kty\":\"EC\"}", List.of("mailto:a@example.test"), AccountStatus.VALID,
                null, NOW);
    }

    private static Order order(String id, String accountId, OrderStatus status, long createdOffset) {
        return new Order(id, accountId, status, NOW.plusSeconds(3600), List.of(Identifier.dns("*.example.test")),
                List.of("z-" + id), null, null, null, NOW.plusSeconds(createdOffset), null, null, null);
    }

    private static Authorization authz(String id, String accountId) {
        return new Authorization(id, accountId, Identifier.dns("example.test"), true, AuthorizationStatus.VALID,
                NOW.plusSeconds(3600), null);
    }

    @Test
    void everythingWrittenIsThereAfterReopening() {
        Path file = dir.resolve("s.mapdb");
        Order processing = order("o2", "a1", OrderStatus.READY, 1).processing(new byte[0]);
        try (MapDbStore store = MapDbStore.open(file)) {
            store.createAccount(account("a1", "t1"));
            store.createOrder(order("o1", "a1", OrderStatus.READY, 0), List.of(authz("z-o1", "a1")));
            store.createOrder(order("o2", "a1", OrderStatus.READY, 1), List.of(authz("z-o2", "a1")));
            assertTrue(store.replaceOrder(processing, OrderStatus.READY));
            store.createEabKey(new EabKey("k1", new byte[] {9, 8}, List.of("*.example.com"), "ops", NOW, false));
            store.completeOrder(order("o1", "a1", OrderStatus.VALID, 0),
                    new IssuedCertificate("cert-abc123", "a1", "o1", "abc123", "PEM", NOW, NOW.plusSeconds(60), "local", null,
                            List.of()), List.of(), TestLineages.issued("a1", List.of("example.test"), "abc123", NOW,
                            Duration.ofDays(90)));
        }
        try (MapDbStore store = MapDbStore.open(file)) {
            assertEquals("a1", store.accountByThumbprint("t1").orElseThrow().id());
            assertEquals(List.of("mailto:a@example.test"), store.account("a1").orElseThrow().contact());
            assertEquals(OrderStatus.VALID, store.order("o1").orElseThrow().status());
            assertEquals(List.of("o1", "o2"), store.ordersOf("a1").stream().map(Order::id).toList());
            assertEquals(List.of("o2"), store.processingOrders().stream().map(Order::id).toList());
            assertTrue(store.authorization("z-o2").orElseThrow().wildcard());
            assertEquals("cert-abc123", store.certificateBySerial("abc123").orElseThrow().id());
            assertArrayEquals(new byte[] {9, 8}, store.eabKey("k1").orElseThrow().hmacKey());
            assertEquals("abc123", store.lineageOfCertificate("cert-abc123").orElseThrow().current().serial());
        }
    }

    @Test
    void lineagesGetIncreasingIdsAndAreFoundByKeyAndByName() {
        Path file = dir.resolve("l.mapdb");
        long renamedId;
        try (MapDbStore store = MapDbStore.open(file)) {
            Lineage a = store.putLineage(TestLineages.issued("acct", List.of("www.example.com", "example.com"), "1",
                    NOW, Duration.ofDays(90)));
            Lineage b = store.putLineage(TestLineages.issued("acct", List.of("*.shop.example.com"), "2", NOW,
                    Duration.ofDays(90)));
            store.putLineage(TestLineages.issued("acct", List.of("example.org"), "3", NOW, Duration.ofDays(90)));
            assertTrue(b.id() > a.id() && a.id() > 0);
            assertEquals(a.id(), store.lineageByKey(Lineage.key("acct", List.of("example.com", "www.example.com")))
                    .orElseThrow().id());
            assertEquals(List.of(a.id(), b.id()), store.lineageIdsByName("example.com"));
            assertEquals(List.of(b.id()), store.lineageIdsByName("shop.example.com"));
            assertEquals(List.of(), store.lineageIdsByName("ample.com"), "a label suffix is not a domain");

            // Renaming (a replacement with other names) moves the lineage in both indexes.
            Lineage renamed = new Lineage(a.id(), a.client(), List.of("api.example.net"), a.source(), a.current(),
                    a.window(), null, null, null, List.of(), List.of(), List.of(), NOW);
            store.putLineage(renamed);
            renamedId = a.id();
            assertEquals(List.of(b.id()), store.lineageIdsByName("example.com"));
            assertTrue(store.lineageByKey(a.key()).isEmpty());
        }
        try (MapDbStore store = MapDbStore.open(file)) {
            assertEquals(List.of(renamedId), store.lineageIdsByName("example.net"));
            Lineage next = store.putLineage(TestLineages.issued("other", List.of("x.test"), "4", NOW, Duration.ofDays(1)));
            assertTrue(next.id() > renamedId + 1, "ids continue after a reopen");
            assertEquals(4, store.lineages(0, 10).size());
            assertEquals(store.lineages(0, 10).stream().map(io.acmegate.gateway.model.LineageSummary::of).toList(),
                    store.lineageSummaries(0, 10), "summaries follow every write, across a reopen");
            assertEquals(List.of(next.id()), store.lineages(next.id() - 1, 10).stream().map(Lineage::id).toList());
        }
    }

    @Test
    void concurrentWritesAreAllCommitted() throws Exception {
        Path file = dir.resolve("s.mapdb");
        int threads = 16;
        int each = 50;
        try (MapDbStore store = MapDbStore.open(file)) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        store.createAccount(account("a" + thread + "-" + i, "t" + thread + "-" + i));
                    }
                }));
            }
            for (var f : done) {
                f.get();
            }
            pool.shutdown();
        }
        try (MapDbStore store = MapDbStore.open(file)) {
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < each; i++) {
                    assertEquals("a" + t + "-" + i, store.accountByThumbprint("t" + t + "-" + i).orElseThrow().id());
                }
            }
        }
    }

    @Test
    void aKeyHoldsOneAccount() {
        try (MapDbStore store = MapDbStore.open(dir.resolve("s.mapdb"))) {
            assertEquals("a1", store.createAccount(account("a1", "t1")).id());
            assertEquals("a1", store.createAccount(account("a2", "t1")).id());
            assertTrue(store.account("a2").isEmpty());
        }
    }

    @Test
    void replaceOrderIsACompareAndSet() {
        try (MapDbStore store = MapDbStore.open(dir.resolve("s.mapdb"))) {
            store.createOrder(order("o1", "a1", OrderStatus.READY, 0), List.of());
            Order processing = store.order("o1").orElseThrow().processing(new byte[] {1});
            assertTrue(store.replaceOrder(processing, OrderStatus.READY));
            assertFalse(store.replaceOrder(processing, OrderStatus.READY), "a second finalize must lose");
            Order invalid = processing.invalid(Problems.serverInternal("x").problem());
            assertTrue(store.replaceOrder(invalid, OrderStatus.PROCESSING));
            assertTrue(store.processingOrders().isEmpty());
            assertEquals("x", store.order("o1").orElseThrow().error().detail());
        }
    }

    @Test
    void ordersOfOneAccountDoNotIncludeAnAccountWhoseIdExtendsIt() {
        try (MapDbStore store = MapDbStore.open(dir.resolve("s.mapdb"))) {
            store.createOrder(order("o1", "abc", OrderStatus.READY, 0), List.of());
            store.createOrder(order("o2", "abc-x", OrderStatus.READY, 0), List.of());
            assertEquals(List.of("o1"), store.ordersOf("abc").stream().map(Order::id).toList());
        }
    }

    @Test
    void aSecondProcessCannotOpenTheSameFile() {
        Path file = dir.resolve("s.mapdb");
        try (MapDbStore ignored = MapDbStore.open(file)) {
            assertThrows(StoreUnavailableException.class, () -> MapDbStore.open(file));
        }
    }

    /** Stores made before BufferedFileVolume, by MapDB's own builder, open unchanged (the format is MapDB's). */
    @Test
    void aStoreMadeByMapDbsBuilderOpens() {
        Path file = dir.resolve("s.mapdb");
        try (DB db = DBMaker.fileDB(file.toFile()).transactionEnable().fileChannelEnable().make()) {
            db.hashMap("eabKeys", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen()
                    .put("k1", StoreCodec.encode(new EabKey("k1", new byte[] {1}, List.of("a.test"), "ops", NOW, false)));
            db.commit();
        }
        try (MapDbStore store = MapDbStore.open(file)) {
            assertEquals(List.of("a.test"), store.eabKey("k1").orElseThrow().names());
        }
    }
}
