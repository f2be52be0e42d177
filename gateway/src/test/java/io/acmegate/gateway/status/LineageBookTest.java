package io.acmegate.gateway.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmegate.gateway.TestClock;
import io.acmegate.gateway.model.Account;
import io.acmegate.gateway.model.AccountStatus;
import io.acmegate.gateway.model.Identifier;
import io.acmegate.gateway.model.IssuedCertificate;
import io.acmegate.gateway.model.Lineage;
import io.acmegate.gateway.model.Order;
import io.acmegate.gateway.model.OrderStatus;
import io.acmegate.gateway.store.MapDbStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineageBookTest {
    @TempDir
    Path dir;
    private final TestClock clock = new TestClock();
    private MapDbStore store;
    private LineageBook book;
    private int serial;

    @BeforeEach
    void open() {
        store = MapDbStore.open(dir.resolve("s.mapdb"));
        store.createAccount(new Account("acct", "thumb", "{}", List.of("mailto:ops@example.test"),
                AccountStatus.VALID, "kid-1", clock.now));
        book = new LineageBook(store, new StatusIndex(), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Order order(String id, Order.Replaces replaces, String... names) {
        return new Order(id, "acct", OrderStatus.VALID, clock.now.plusSeconds(3600),
                java.util.Arrays.stream(names).map(Identifier::dns).toList(), List.of(), null, "c-" + id, null,
                clock.now, replaces, new Order.Origin("192.0.2.7", "CertbotACMEClient/2.1.0"), null);
    }

    private IssuedCertificate issue(Order order) {
        String hex = Integer.toHexString(++serial);
        IssuedCertificate certificate = new IssuedCertificate("c-" + order.id(), "acct", order.id(), hex, "PEM",
                clock.now.minusSeconds(60), clock.now.plus(Duration.ofDays(90)), "local", null, List.of());
        book.issued(order, certificate, null, lineage -> store.completeOrder(order, certificate, List.of(), lineage));
        return certificate;
    }

    private LineageState state(long id) {
        return LineageState.of(store.lineage(id).orElseThrow(), clock.now);
    }

    @Test
    void renewalsOfTheSameNamesExtendOneLineageAndRememberTheClient() {
        issue(order("o1", null, "a.example.test", "b.example.test"));
        Lineage first = store.lineageByKey(Lineage.key("acct", List.of("a.example.test", "b.example.test")))
                .orElseThrow();
        assertEquals(List.of("mailto:ops@example.test"), first.client().contact());
        assertEquals("kid-1", first.client().eabKeyId());
        assertEquals("CertbotACMEClient/2.1.0", first.client().userAgent());
        assertEquals(RenewalWindows.DEFAULT, first.window().source());

        clock.now = clock.now.plus(Duration.ofDays(61));
        assertEquals(LineageState.RENEWAL_DUE, state(first.id()));
        issue(order("o2", null, "b.example.test", "a.example.test"));
        Lineage renewed = store.lineage(first.id()).orElseThrow();
        assertEquals("2", renewed.current().serial());
        assertEquals(List.of("1"), renewed.previousSerials());
        assertEquals(LineageState.OK, state(first.id()));
        assertEquals(1, book.index().size());
    }

    @Test
    void replacesLinksAnOrderForOtherNamesToTheLineageItRenews() {
        IssuedCertificate old = issue(order("o1", null, "a.example.test"));
        long id = store.lineageOfCertificate(old.id()).orElseThrow().id();
        issue(order("o2", new Order.Replaces("aki.serial", old.id(), "local"), "a.example.test", "c.example.test"));
        Lineage lineage = store.lineage(id).orElseThrow();
        assertEquals(List.of("a.example.test", "c.example.test"), lineage.names());
        assertEquals(1, book.index().size());
    }

    @Test
    void aFailedOrderMakesTheLineageFailingUntilTheNextIssue() {
        IssuedCertificate first = issue(order("o1", null, "a.example.test"));
        long id = store.lineageOfCertificate(first.id()).orElseThrow().id();
        clock.now = clock.now.plusSeconds(10);
        book.failed(order("o2", null, "a.example.test"), "no upstream CA issued the certificate");
        assertEquals(LineageState.FAILING, state(id));
        assertEquals("no upstream CA issued the certificate", store.lineage(id).orElseThrow().lastFailure().reason());
        clock.now = clock.now.plusSeconds(10);
        issue(order("o3", null, "a.example.test"));
        assertEquals(LineageState.OK, state(id));

        book.failed(order("o4", null, "new.example.test"), "refused");
        long failedFirst = store.lineageByKey(Lineage.key("acct", List.of("new.example.test"))).orElseThrow().id();
        assertEquals(LineageState.FAILING, state(failedFirst));
    }

    @Test
    void revokingTheCurrentCertificateShowsButRevokingAnOldOneDoesNot() {
        IssuedCertificate first = issue(order("o1", null, "a.example.test"));
        long id = store.lineageOfCertificate(first.id()).orElseThrow().id();
        IssuedCertificate second = issue(order("o2", null, "a.example.test"));
        IssuedCertificate firstRevoked = first.revoke(1, clock.now);
        book.revoked(firstRevoked, lineage -> store.updateCertificate(firstRevoked, lineage));
        assertEquals(LineageState.OK, state(id));
        IssuedCertificate secondRevoked = second.revoke(1, clock.now);
        book.revoked(secondRevoked, lineage -> store.updateCertificate(secondRevoked, lineage));
        assertTrue(store.certificate(second.id()).orElseThrow().revoked());
        assertEquals(LineageState.REVOKED, state(id));
    }

    @Test
    void reissueMarksMatchingLiveLineagesOverdueUntilTheyRenew() {
        issue(order("o1", null, "a.example.test"));
        issue(order("o2", null, "b.other.test"));
        clock.now = clock.now.plusSeconds(60);
        List<Long> marked = book.reissue(store.lineageIdsByName("example.test"), l -> true);
        assertEquals(1, marked.size());
        long id = marked.get(0);
        Lineage lineage = store.lineage(id).orElseThrow();
        assertEquals(clock.now, lineage.reissueAt());
        assertTrue(lineage.window().end().compareTo(clock.now) <= 0, "ARI clients must see a window in the past");
        assertEquals(LineageState.OVERDUE, state(id));
        assertEquals(List.of(id), book.index().find(new StatusIndex.Filter(LineageState.OVERDUE, null, null), 0, 10,
                clock.now).ids());

        clock.now = clock.now.plusSeconds(60);
        issue(order("o3", null, "a.example.test"));
        assertNull(store.lineage(id).orElseThrow().reissueAt());
        assertEquals(LineageState.OK, state(id));
        assertEquals(List.of(), book.reissue(null, l -> l.current().issuer().equals("some-other-ca")));
    }

    @Test
    void reportsOfANewSerialHeadTheReportedLineage() {
        Lineage.Client web = new Lineage.Client("web-01", List.of(), null, "192.0.2.9", "curl/7.88");
        Instant notBefore = clock.now.minus(Duration.ofDays(70));
        Lineage first = book.reported(web, new LineageBook.Report(List.of("www.example.com"), "aa", notBefore,
                notBefore.plus(Duration.ofDays(90)), "Let's Encrypt", List.of()));
        assertEquals(Lineage.Source.REPORT, first.source());
        assertEquals(LineageState.RENEWAL_DUE, state(first.id()), "the window counts from notBefore for reports");
        Lineage again = book.reported(web, new LineageBook.Report(List.of("www.example.com"), "aa", notBefore,
                notBefore.plus(Duration.ofDays(90)), "Let's Encrypt", List.of(new Lineage.Endpoint("www", 443, null))));
        assertEquals(first.id(), again.id());
        assertEquals("aa", again.current().serial());
        assertEquals(1, again.endpoints().size());
        Lineage renewed = book.reported(web, new LineageBook.Report(List.of("www.example.com"), "bb", clock.now,
                clock.now.plus(Duration.ofDays(90)), "Let's Encrypt", List.of()));
        assertEquals(first.id(), renewed.id());
        assertEquals(List.of("aa"), renewed.previousSerials());
        assertEquals(1, renewed.endpoints().size(), "a report without endpoints keeps the known ones");
        assertEquals(LineageState.OK, state(first.id()));
        assertNotEquals(first.current().serial(), renewed.current().serial());
    }
}
