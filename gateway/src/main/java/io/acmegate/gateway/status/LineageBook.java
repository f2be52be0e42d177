package io.acmegate.gateway.status;

import io.acmegate.gateway.model.Account;
import io.acmegate.gateway.model.Identifier;
import io.acmegate.gateway.model.IssuedCertificate;
import io.acmegate.gateway.model.Lineage;
import io.acmegate.gateway.model.Order;
import io.acmegate.gateway.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Every change of a lineage goes through here: issued, failed, revoked, reported, marked for re-issue, probed.
 * Each change reads the lineage, derives the next one and writes it under a lock per client, so that two
 * concurrent changes of one lineage do not lose each other; the {@link StatusIndex} follows every write.
 */
public final class LineageBook {
    private final Store store;
    private final StatusIndex index;
    private final Clock clock;
    private final ReentrantLock[] stripes = new ReentrantLock[64];

    public LineageBook(Store store, StatusIndex index, Clock clock) {
        this.store = store;
        this.index = index;
        this.clock = clock;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    public StatusIndex index() {
        return index;
    }

    private <T> T locked(String clientId, Supplier<T> change) {
        ReentrantLock lock = stripes[stripe(clientId)];
        lock.lock();
        try {
            return change.get();
        } finally {
            lock.unlock();
        }
    }

    private Lineage put(Lineage lineage) {
        Lineage stored = store.putLineage(lineage);
        index.put(stored);
        return stored;
    }

    /**
     * A certificate was issued for an order: it heads the lineage the order renews ({@code replaces}, RFC 9773 §5),
     * else the lineage of its account and names, else a new one.
     *
     * @param caWindow the issuing CA's renewal window, or null for the default
     * @param write    stores the lineage together with the certificate (one write) and returns what was stored
     */
    public Lineage issued(Order order, IssuedCertificate certificate, Lineage.RenewalWindow caWindow,
                          Function<Lineage, Lineage> write) {
        return locked(order.accountId(), () -> {
            Instant now = clock.instant();
            List<String> names = names(order);
            Optional<Lineage> existing = lineageFor(order, names);
            Lineage.CertificateRef current = new Lineage.CertificateRef(certificate.id(), certificate.serial(),
                    certificate.notBefore(), certificate.notAfter(), certificate.issuer(), now, false);
            Lineage.RenewalWindow window = caWindow != null ? caWindow
                    : RenewalWindows.byDefault(now, certificate.notAfter());
            Lineage next = new Lineage(existing.map(Lineage::id).orElse(0L), client(order), names,
                    Lineage.Source.GATEWAY, current, window, null,
                    existing.map(Lineage::lastFailure).orElse(null),
                    existing.map(Lineage::notified).orElse(LineageState.OK.label()),
                    previousSerials(existing), existing.map(Lineage::endpoints).orElse(List.of()),
                    existing.map(Lineage::deployment).orElse(List.of()), now);
            Lineage stored = write.apply(next);
            index.put(stored);
            return stored;
        });
    }

    /**
     * The lineage an order continues: the one of the certificate it {@code replaces} (RFC 9773 §5), else the
     * account's lineage for the same names (a certificate from before lineages existed has none).
     */
    private Optional<Lineage> lineageFor(Order order, List<String> names) {
        return Optional.ofNullable(order.replaces()).flatMap(r -> store.lineageOfCertificate(r.certificateId()))
                .or(() -> store.lineageByKey(Lineage.key(order.accountId(), names)));
    }

    /** An order failed after finalize: its lineage is failing until a certificate is issued again. */
    public Lineage failed(Order order, String reason) {
        return locked(order.accountId(), () -> {
            Instant now = clock.instant();
            List<String> names = names(order);
            Optional<Lineage> existing = lineageFor(order, names);
            Lineage.Failure failure = new Lineage.Failure(now, reason);
            Lineage next = existing.map(l -> new Lineage(l.id(), client(order), l.names(), l.source(), l.current(),
                    l.window(), l.reissueAt(), failure, l.notified(), l.previousSerials(), l.endpoints(),
                    l.deployment(), now)).orElseGet(() -> new Lineage(0, client(order), names, Lineage.Source.GATEWAY,
                    null, null, null, failure, null, List.of(), List.of(), List.of(), now));
            return put(next);
        });
    }

    /**
     * The certificate was revoked; its lineage shows it when it is the current one.
     *
     * @param write stores the revoked certificate together with the changed lineage (null when the certificate no
     *              longer heads one), in one write
     */
    public void revoked(IssuedCertificate certificate, java.util.function.Consumer<Lineage> write) {
        locked(certificate.accountId(), () -> {
            Lineage next = store.lineageOfCertificate(certificate.id())
                    .filter(l -> l.current() != null && certificate.id().equals(l.current().certificateId()))
                    .map(l -> withCurrent(l, l.current().asRevoked(), l.window(), l.reissueAt(), l.previousSerials()))
                    .orElse(null);
            write.accept(next);
            if (next != null) {
                index.put(next);
            }
            return next;
        });
    }

    /**
     * A certificate a client got elsewhere and reported ({@code POST /status/report}). A new serial heads the
     * lineage; the same one again only refreshes who reported it.
     */
    public Lineage reported(Lineage.Client client, Report report) {
        return locked(client.id(), () -> {
            Instant now = clock.instant();
            Optional<Lineage> existing = store.lineageByKey(Lineage.key(client.id(), report.names()));
            List<Lineage.Endpoint> endpoints = report.endpoints().isEmpty()
                    ? existing.map(Lineage::endpoints).orElse(List.of()) : report.endpoints();
            if (existing.isPresent() && existing.get().current() != null
                    && existing.get().current().serial().equals(report.serial())) {
                Lineage l = existing.get();
                return put(new Lineage(l.id(), client, l.names(), l.source(), l.current(), l.window(), l.reissueAt(),
                        l.lastFailure(), l.notified(), l.previousSerials(), endpoints, l.deployment(), now));
            }
            // A reported certificate's lifetime starts at notBefore: acmegate did not see it issued.
            Instant issuedAt = report.notBefore() != null ? report.notBefore() : now;
            Lineage.CertificateRef current = new Lineage.CertificateRef(null, report.serial(), report.notBefore(),
                    report.notAfter(), report.issuer(), issuedAt, false);
            boolean renewsReissue = existing.map(Lineage::reissueAt).filter(issuedAt::isAfter).isPresent();
            Lineage next = new Lineage(existing.map(Lineage::id).orElse(0L), client, report.names(),
                    Lineage.Source.REPORT, current, RenewalWindows.byDefault(issuedAt, report.notAfter()),
                    renewsReissue ? null : existing.map(Lineage::reissueAt).orElse(null),
                    existing.map(Lineage::lastFailure).orElse(null), existing.map(Lineage::notified).orElse(null),
                    previousSerials(existing), endpoints, existing.map(Lineage::deployment).orElse(List.of()), now);
            if (next.reissueAt() != null) {
                next = withCurrent(next, current, RenewalWindows.reissue(next.reissueAt()), next.reissueAt(),
                        next.previousSerials());
            }
            return put(next);
        });
    }

    /** What a client reports about a certificate it got elsewhere. */
    public record Report(List<String> names, String serial, Instant notBefore, Instant notAfter, String issuer,
                         List<Lineage.Endpoint> endpoints) {
        public Report {
            names = List.copyOf(names);
            endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        }
    }

    /**
     * Mass re-issue: every matching lineage with a live certificate gets a renewal window that has already passed,
     * so that ARI-aware clients renew at their next check (RFC 9773 §4.2) and status shows it overdue until then.
     *
     * @param candidates the ids to consider (e.g. from a name look-up), or null for every lineage
     * @return the ids marked
     */
    public List<Long> reissue(List<Long> candidates, Predicate<Lineage> matches) {
        Instant now = clock.instant();
        List<Long> marked = new ArrayList<>();
        Predicate<Lineage> wanted = l -> l.current() != null && !l.current().revoked()
                && l.current().notAfter().isAfter(now) && matches.test(l);
        for (Lineage lineage : candidates == null ? everyLineage() : candidates.stream().map(store::lineage)
                .flatMap(Optional::stream).toList()) {
            if (wanted.test(lineage)) {
                // Tested again on the lineage as it is under the lock: it may have been renewed meanwhile.
                locked(lineage.client().id(), () -> store.lineage(lineage.id()).filter(wanted).map(l -> {
                    marked.add(l.id());
                    return put(withCurrent(l, l.current(), RenewalWindows.reissue(now), now, l.previousSerials()));
                }).orElse(null));
            }
        }
        return marked;
    }

    private Iterable<Lineage> everyLineage() {
        return () -> new java.util.Iterator<>() {
            private List<Lineage> batch = store.lineages(0, 1000);
            private int at;

            @Override
            public boolean hasNext() {
                if (at == batch.size() && !batch.isEmpty()) {
                    batch = store.lineages(batch.get(batch.size() - 1).id(), 1000);
                    at = 0;
                }
                return at < batch.size();
            }

            @Override
            public Lineage next() {
                return batch.get(at++);
            }
        };
    }

    /**
     * The issuing CA moved its renewal window for the lineage's current certificate (RFC 9773 §4.2: a CA may, say
     * after an incident); a mass re-issue's window is kept, and a certificate replaced meanwhile is left alone.
     */
    public void caWindowChanged(long id, String serial, Lineage.RenewalWindow window) {
        store.lineage(id).ifPresent(l -> locked(l.client().id(), () -> store.lineage(id)
                .filter(current -> current.current() != null && current.current().serial().equals(serial)
                        && current.reissueAt() == null && !window.equals(current.window()))
                .map(current -> put(withCurrent(current, current.current(), window, null, current.previousSerials())))
                .orElse(null)));
    }

    /** Sets where the lineage's certificate should be served, for the deployment probe. */
    public Optional<Lineage> endpoints(long id, List<Lineage.Endpoint> endpoints) {
        return store.lineage(id).map(l -> locked(l.client().id(), () -> put(store.lineage(id).orElseThrow()
                .withEndpoints(endpoints, clock.instant()))));
    }

    /** Records what the deployment probe found. */
    public void probed(long id, List<Lineage.ProbeResult> results) {
        store.lineage(id).ifPresent(l -> locked(l.client().id(), () -> put(store.lineage(id).orElseThrow()
                .withDeployment(results))));
    }

    /**
     * Records that these lineages' notifications are settled for their states: one write per lock stripe rather
     * than per lineage, so that a sweep after a long pause (tens of thousands of changes) takes seconds.
     */
    public void settled(List<StatusIndex.Change> changes) {
        java.util.Map<Integer, List<StatusIndex.Change>> byStripe = new java.util.TreeMap<>();
        for (StatusIndex.Change change : changes) { // the index knows the client: no store read to group them
            index.clientOf(change.id()).ifPresent(client -> byStripe.computeIfAbsent(stripe(client),
                    s -> new ArrayList<>()).add(change));
        }
        byStripe.forEach((stripe, batch) -> {
            stripes[stripe].lock();
            try {
                List<Lineage> next = batch.stream().flatMap(c -> store.lineage(c.id())
                        .map(l -> l.withNotified(c.state().label())).stream()).toList();
                store.putLineages(next).forEach(index::put);
            } finally {
                stripes[stripe].unlock();
            }
        });
    }

    private int stripe(String clientId) {
        return Math.floorMod(clientId.hashCode(), stripes.length);
    }

    private static Lineage withCurrent(Lineage l, Lineage.CertificateRef current, Lineage.RenewalWindow window,
                                       Instant reissueAt, List<String> previousSerials) {
        return new Lineage(l.id(), l.client(), l.names(), l.source(), current, window, reissueAt, l.lastFailure(),
                l.notified(), previousSerials, l.endpoints(), l.deployment(), l.updatedAt());
    }

    private static List<String> previousSerials(Optional<Lineage> existing) {
        if (existing.isEmpty() || existing.get().current() == null) {
            return existing.map(Lineage::previousSerials).orElse(List.of());
        }
        List<String> serials = new ArrayList<>();
        serials.add(existing.get().current().serial());
        serials.addAll(existing.get().previousSerials());
        return serials.subList(0, Math.min(serials.size(), Lineage.SERIAL_HISTORY));
    }

    private static List<String> names(Order order) {
        return order.identifiers().stream().map(Identifier::value).toList();
    }

    private Lineage.Client client(Order order) {
        Optional<Account> account = store.account(order.accountId());
        return new Lineage.Client(order.accountId(), account.map(Account::contact).orElse(List.of()),
                account.map(Account::eabKeyId).orElse(null),
                order.origin() == null ? null : order.origin().address(),
                order.origin() == null ? null : order.origin().userAgent());
    }
}
