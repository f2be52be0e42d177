package io.acmegate.gateway.store;

import io.acmegate.gateway.model.Account;
import io.acmegate.gateway.model.AuditEvent;
import io.acmegate.gateway.model.Authorization;
import io.acmegate.gateway.model.Delegation;
import io.acmegate.gateway.model.EabKey;
import io.acmegate.gateway.model.Identifier;
import io.acmegate.gateway.model.IssuedCertificate;
import io.acmegate.gateway.model.Lineage;
import io.acmegate.gateway.model.LineageSummary;
import io.acmegate.gateway.model.Order;
import io.acmegate.gateway.model.OrderStatus;
import io.acmegate.gateway.model.PublishedChallenge;
import io.acmegate.gateway.model.ReportClient;
import io.acmegate.gateway.model.UpstreamAccount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.mapdb.CC;
import org.mapdb.DB;
import org.mapdb.Serializer;
import org.mapdb.StoreWAL;

/**
 * The embedded store: one MapDB file with its write-ahead log.
 *
 * <p>Durability costs one fsync per MapDB commit, and a commit covers everything written to the file
 * so far. So writes use group commit: each write applies its changes under the write lock, then waits
 * until a commit that includes them has returned; one thread commits for every write applied before it.
 * Under load one fsync then serves many requests instead of each paying its own.
 *
 * <p>Values are encoded before the lock is taken, so that nothing in a write's critical section can
 * fail short of MapDB itself failing; a write is never rolled back, because a rollback would also drop
 * other threads' applied writes that wait for the same commit. A read may see a write that is applied
 * but whose commit is still running (milliseconds); the writer's own client is answered only after it.
 */
public final class MapDbStore implements Store {
    /** Orders, authorizations and certificates kept decoded: at a few hundred flows a second, the last seconds. */
    private static final int RECENT_RECORDS = 4_096;
    /** Accounts kept decoded: every client active at once, on a large deployment. */
    private static final int ACTIVE_ACCOUNTS = 10_000;
    /** DB's shutdown hook kind that closes the store at JVM exit, as DBMaker.closeOnJvmShutdown() sets it. */
    private static final int SHUTDOWN_HOOK = 1;
    private final DB db;
    /** Held while maps change and while MapDB commits. */
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Held by the one thread committing; others queue here and usually find their write committed. */
    private final ReentrantLock commitLock = new ReentrantLock();
    private long appliedWrites;
    private volatile long committedWrites;

    private final CachedRecords<Account> accounts;
    private final Map<String, String> accountByThumbprint;
    private final CachedRecords<Order> orders;
    /** "accountId orderCreatedMillis orderId": an account's orders in creation order. */
    private final NavigableSet<String> ordersByAccount;
    private final Set<String> processing;
    private final CachedRecords<Authorization> authorizations;
    /** "account type value wildcard" → the authorization validated last for it: reuse in validate mode. */
    private final Map<String, String> validatedAuthorizations;
    private final CachedRecords<IssuedCertificate> certificates;
    private final Map<String, String> certificateBySerial;
    private final Map<String, byte[]> eabKeys;
    private final Map<String, byte[]> challenges;
    private final Map<String, byte[]> delegations;
    private final Map<String, String> delegationByUser;
    private final Map<String, byte[]> upstreamAccounts;
    /** Key: zero-padded epoch nanoseconds and a sequence number, so that the trail sorts by time. */
    private final java.util.NavigableMap<String, byte[]> audit;
    private final java.util.concurrent.atomic.AtomicLong auditSequence = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.NavigableMap<Long, byte[]> lineages;
    private final Map<String, Long> lineageByKey;
    private final Map<String, Long> lineageByCertificate;
    /** "name with its labels reversed" NUL id: lineages by name and by every domain above it. */
    private final NavigableSet<String> lineagesByName;
    private final java.util.concurrent.atomic.AtomicLong lastLineageId;
    /** Lineage id → {@link LineageSummary}, binary: what the status index loads at start. */
    private final java.util.NavigableMap<Long, byte[]> lineageSummaries;
    private final Map<String, byte[]> reportClients;
    private final Map<String, String> reportClientByToken;

    private MapDbStore(DB db) {
        this.db = db;
        // Kept decoded: every client that is active (accounts), and the records of the flows of the last seconds.
        accounts = new CachedRecords<>(db.hashMap("accounts", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen(),
                Account.class, ACTIVE_ACCOUNTS);
        accountByThumbprint = db.hashMap("accountByThumbprint", Serializer.STRING, Serializer.STRING).createOrOpen();
        orders = new CachedRecords<>(db.hashMap("orders", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen(),
                Order.class, RECENT_RECORDS);
        ordersByAccount = db.treeSet("ordersByAccount", Serializer.STRING).createOrOpen();
        processing = db.hashSet("processingOrders", Serializer.STRING).createOrOpen();
        authorizations = new CachedRecords<>(
                db.hashMap("authorizations", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen(),
                Authorization.class, RECENT_RECORDS);
        validatedAuthorizations = db.hashMap("validatedAuthorizations", Serializer.STRING, Serializer.STRING)
                .createOrOpen();
        certificates = new CachedRecords<>(
                db.hashMap("certificates", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen(),
                IssuedCertificate.class, RECENT_RECORDS);
        certificateBySerial = db.hashMap("certificateBySerial", Serializer.STRING, Serializer.STRING).createOrOpen();
        eabKeys = db.hashMap("eabKeys", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        challenges = db.hashMap("challenges", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        delegations = db.hashMap("delegations", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        delegationByUser = db.hashMap("delegationByUser", Serializer.STRING, Serializer.STRING).createOrOpen();
        upstreamAccounts = db.hashMap("upstreamAccounts", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        audit = db.treeMap("audit", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        lineages = db.treeMap("lineages", Serializer.LONG, Serializer.BYTE_ARRAY).createOrOpen();
        lineageByKey = db.hashMap("lineageByKey", Serializer.STRING, Serializer.LONG).createOrOpen();
        lineageByCertificate = db.hashMap("lineageByCertificate", Serializer.STRING, Serializer.LONG).createOrOpen();
        lineagesByName = db.treeSet("lineagesByName", Serializer.STRING).createOrOpen();
        lastLineageId = new java.util.concurrent.atomic.AtomicLong(lineages.isEmpty() ? 0 : lineages.lastKey());
        lineageSummaries = db.treeMap("lineageSummaries", Serializer.LONG, Serializer.BYTE_ARRAY).createOrOpen();
        // Every lineage write writes its summary too, so only a store from before summaries lacks them: derive them
        // once. (isEmpty, not comparing sizes: a MapDB tree counts its size by walking all of it, on every start.)
        if (lineageSummaries.isEmpty() && !lineages.isEmpty()) {
            lineages.forEach((id, bytes) -> lineageSummaries.put(id,
                    StoreCodec.encode(LineageSummary.of(StoreCodec.decode(bytes, Lineage.class)))));
        }
        reportClients = db.hashMap("reportClients", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        reportClientByToken = db.hashMap("reportClientByToken", Serializer.STRING, Serializer.STRING).createOrOpen();
        db.commit();
    }

    /**
     * Opens the store file, creating it if absent.
     *
     * @throws StoreUnavailableException if another process holds the file
     */
    public static MapDbStore open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            // What DBMaker.fileDB(file).transactionEnable().fileChannelEnable().closeOnJvmShutdown() makes, on file
            // volumes that hold writes until MapDB syncs (BufferedFileVolume). A FileChannel rather than mmap:
            // measured here, a commit (its fsync) costs a third as much.
            String path = file.toString();
            boolean existed = BufferedFileVolume.FACTORY.exists(path);
            StoreWAL store = StoreWAL.make(path, BufferedFileVolume.FACTORY, 0L /* no lock wait */,
                    true /* thread-safe */, CC.STORE_DIRECT_CONC_SHIFT, 0L /* default allocation increment */,
                    0L /* start size */, false /* delete after close */, false /* delete after open */,
                    false /* record checksums */, true /* header checksum */, false /* no header checksum bypass */);
            return new MapDbStore(new DB(store, existed, true, MapDbStore.class.getClassLoader(), SHUTDOWN_HOOK));
        } catch (org.mapdb.DBException.FileLocked e) {
            throw new StoreUnavailableException(file + " is in use by another acmegate process");
        } catch (java.io.IOException e) {
            throw new StoreUnavailableException("cannot create " + file.getParent() + ": " + e.getMessage());
        }
    }

    /** Applies one write, then returns once a commit that includes it has returned. */
    private <T> T write(Function<Void, T> work) {
        T result;
        long mine;
        writeLock.lock();
        try {
            result = work.apply(null);
            mine = ++appliedWrites;
        } finally {
            writeLock.unlock();
        }
        awaitCommit(mine);
        return result;
    }

    private void awaitCommit(long write) {
        commitLock.lock();
        try {
            if (committedWrites >= write) {
                return; // another thread's commit covered this write
            }
            writeLock.lock();
            try {
                long upTo = appliedWrites;
                db.commit();
                committedWrites = upTo;
            } finally {
                writeLock.unlock();
            }
        } finally {
            commitLock.unlock();
        }
    }

    private void write(Runnable work) {
        write(ignored -> {
            work.run();
            return null;
        });
    }

    private static <T> Optional<T> read(Map<String, byte[]> map, String key, Class<T> type) {
        if (key == null) {
            return Optional.empty();
        }
        byte[] bytes = map.get(key);
        return bytes == null ? Optional.empty() : Optional.of(StoreCodec.decode(bytes, type));
    }

    private static <T> List<T> all(Map<String, byte[]> map, Class<T> type) {
        return map.values().stream().map(bytes -> StoreCodec.decode(bytes, type)).toList();
    }

    @Override
    public Optional<Account> account(String id) {
        return accounts.get(id);
    }

    @Override
    public Optional<Account> accountByThumbprint(String thumbprint) {
        return account(accountByThumbprint.get(thumbprint));
    }

    @Override
    public Account createAccount(Account account) {
        byte[] bytes = StoreCodec.encode(account);
        return write(ignored -> {
            String existing = accountByThumbprint.get(account.keyThumbprint());
            if (existing != null) {
                return account(existing).orElseThrow();
            }
            accounts.put(account.id(), account, bytes);
            accountByThumbprint.put(account.keyThumbprint(), account.id());
            return account;
        });
    }

    @Override
    public void updateAccount(Account account) {
        byte[] bytes = StoreCodec.encode(account);
        write(() -> accounts.put(account.id(), account, bytes));
    }

    @Override
    public Optional<Account> changeAccountKey(Account next, String oldThumbprint) {
        return write(ignored -> {
            String holder = accountByThumbprint.get(next.keyThumbprint());
            if (holder != null) {
                return account(holder);
            }
            // Applied to the account as stored now: a concurrent rollover or update must not be undone by this one.
            Account stored = account(next.id()).orElseThrow();
            if (!stored.keyThumbprint().equals(oldThumbprint) || stored.status() != next.status()) {
                throw new ConcurrentChangeException("the account changed while its key was being changed");
            }
            Account changed = stored.withKey(next.keyThumbprint(), next.jwk());
            accounts.put(next.id(), changed, StoreCodec.encode(changed));
            accountByThumbprint.remove(oldThumbprint, next.id());
            accountByThumbprint.put(next.keyThumbprint(), next.id());
            return Optional.<Account>empty();
        });
    }

    @Override
    public Optional<Order> order(String id) {
        return orders.get(id);
    }

    @Override
    public List<Order> ordersOf(String accountId) {
        List<Order> result = new ArrayList<>();
        for (String key : ordersByAccount.subSet(accountId + " ", accountId + "!")) {
            order(key.substring(key.lastIndexOf(' ') + 1)).ifPresent(result::add);
        }
        return result;
    }

    @Override
    public OrderPage orderPage(String accountId, String cursor, int limit) {
        String from = cursor == null ? accountId + " " : accountId + " " + cursor.replace('.', ' ');
        List<String> ids = new ArrayList<>();
        for (String key : ordersByAccount.subSet(from, cursor == null, accountId + "!", false)) {
            if (ids.size() == limit) {
                String last = ordersByAccount.lower(key);
                return new OrderPage(ids, last.substring(accountId.length() + 1).replace(' ', '.'));
            }
            ids.add(key.substring(key.lastIndexOf(' ') + 1));
        }
        return new OrderPage(ids, null);
    }

    @Override
    public boolean replaceAuthorization(Authorization expected, Authorization next) {
        byte[] bytes = StoreCodec.encode(next);
        return write(ignored -> {
            if (!authorization(next.id()).filter(expected::equals).isPresent()) {
                return false;
            }
            putAuthorization(next, bytes);
            return true;
        });
    }

    private void putAuthorization(Authorization authorization, byte[] bytes) {
        authorizations.put(authorization.id(), authorization, bytes);
        // Only validated ones are reused: a trusted authorization is created valid for every order anyway.
        if (authorization.status() == io.acmegate.gateway.model.AuthorizationStatus.VALID
                && !authorization.challenges().isEmpty()) {
            validatedAuthorizations.put(validatedKey(authorization.accountId(), authorization.identifier(),
                    authorization.wildcard()), authorization.id());
        }
    }

    @Override
    public Optional<Authorization> validatedAuthorization(String accountId, Identifier identifier, boolean wildcard) {
        return authorization(validatedAuthorizations.get(validatedKey(accountId, identifier, wildcard)));
    }

    private static String validatedKey(String accountId, Identifier identifier, boolean wildcard) {
        return accountId + " " + identifier.type() + " " + identifier.value() + " " + wildcard;
    }

    @Override
    public Optional<Authorization> authorization(String id) {
        return authorizations.get(id);
    }

    @Override
    public void createOrder(Order order, List<Authorization> newAuthorizations) {
        List<byte[]> authzBytes = newAuthorizations.stream().map(StoreCodec::encode).toList();
        byte[] orderBytes = StoreCodec.encode(order);
        write(() -> {
            for (int i = 0; i < newAuthorizations.size(); i++) {
                authorizations.put(newAuthorizations.get(i).id(), newAuthorizations.get(i), authzBytes.get(i));
            }
            putOrder(order, orderBytes);
            ordersByAccount.add(order.accountId() + " " + String.format("%015d", order.createdAt().toEpochMilli())
                    + " " + order.id());
        });
    }

    @Override
    public void updateOrder(Order order) {
        byte[] bytes = StoreCodec.encode(order);
        write(() -> putOrder(order, bytes));
    }

    @Override
    public boolean replaceOrder(Order next, OrderStatus expected) {
        byte[] bytes = StoreCodec.encode(next);
        return write(ignored -> {
            Optional<Order> current = order(next.id());
            if (current.isEmpty() || current.get().status() != expected) {
                return false;
            }
            putOrder(next, bytes);
            return true;
        });
    }

    private void putOrder(Order order, byte[] bytes) {
        orders.put(order.id(), order, bytes);
        if (order.status() == OrderStatus.PROCESSING) {
            processing.add(order.id());
        } else {
            processing.remove(order.id());
        }
    }

    @Override
    public List<Order> processingOrders() {
        return processing.stream().map(this::order).flatMap(Optional::stream).toList();
    }

    @Override
    public Optional<IssuedCertificate> certificate(String id) {
        return certificates.get(id);
    }

    @Override
    public Optional<IssuedCertificate> certificateBySerial(String serial) {
        return certificate(certificateBySerial.get(serial));
    }

    @Override
    public Lineage completeOrder(Order order, IssuedCertificate certificate, List<AuditEvent> events,
                                 Lineage lineage) {
        byte[] certificateBytes = StoreCodec.encode(certificate);
        byte[] orderBytes = StoreCodec.encode(order);
        Map<String, byte[]> auditBytes = encodeAudit(events);
        Lineage stored = withId(lineage);
        byte[] lineageBytes = StoreCodec.encode(stored);
        byte[] summaryBytes = StoreCodec.encode(LineageSummary.of(stored));
        write(() -> {
            audit.putAll(auditBytes);
            certificates.put(certificate.id(), certificate, certificateBytes);
            certificateBySerial.put(certificate.serial(), certificate.id());
            putOrder(order, orderBytes);
            putLineage(stored, lineageBytes, summaryBytes);
        });
        return stored;
    }

    @Override
    public void updateCertificate(IssuedCertificate certificate, Lineage lineage) {
        byte[] bytes = StoreCodec.encode(certificate);
        byte[] lineageBytes = lineage == null ? null : StoreCodec.encode(lineage);
        byte[] summaryBytes = lineage == null ? null : StoreCodec.encode(LineageSummary.of(lineage));
        write(() -> {
            certificates.put(certificate.id(), certificate, bytes);
            if (lineage != null) {
                putLineage(lineage, lineageBytes, summaryBytes);
            }
        });
    }

    @Override
    public Optional<EabKey> eabKey(String keyId) {
        return read(eabKeys, keyId, EabKey.class);
    }

    @Override
    public void createEabKey(EabKey key) {
        byte[] bytes = StoreCodec.encode(key);
        write(() -> eabKeys.put(key.keyId(), bytes));
    }

    @Override
    public List<EabKey> eabKeys() {
        return all(eabKeys, EabKey.class);
    }

    @Override
    public List<PublishedChallenge> publishedChallenges() {
        return all(challenges, PublishedChallenge.class);
    }

    @Override
    public void publishChallenge(PublishedChallenge challenge) {
        byte[] bytes = StoreCodec.encode(challenge);
        write(() -> challenges.put(challenge.storeKey(), bytes));
    }

    @Override
    public void withdrawChallenge(PublishedChallenge challenge) {
        write(() -> challenges.remove(challenge.storeKey()));
    }

    @Override
    public Optional<Delegation> delegation(String label) {
        return read(delegations, label, Delegation.class);
    }

    @Override
    public Optional<Delegation> delegationByUser(String username) {
        return delegation(delegationByUser.get(username));
    }

    @Override
    public List<Delegation> delegations() {
        return all(delegations, Delegation.class);
    }

    @Override
    public void putDelegation(Delegation delegation) {
        byte[] bytes = StoreCodec.encode(delegation);
        write(() -> {
            delegation(delegation.label()).map(Delegation::credentials)
                    .ifPresent(old -> delegationByUser.remove(old.username()));
            delegations.put(delegation.label(), bytes);
            if (delegation.credentials() != null) {
                delegationByUser.put(delegation.credentials().username(), delegation.label());
            }
        });
    }

    @Override
    public void removeDelegation(Delegation delegation) {
        write(() -> {
            delegations.remove(delegation.label());
            if (delegation.credentials() != null) {
                delegationByUser.remove(delegation.credentials().username());
            }
        });
    }

    @Override
    public Optional<UpstreamAccount> upstreamAccount(String name) {
        return read(upstreamAccounts, name, UpstreamAccount.class);
    }

    @Override
    public void putUpstreamAccount(UpstreamAccount account) {
        byte[] bytes = StoreCodec.encode(account);
        write(() -> upstreamAccounts.put(account.name(), bytes));
    }

    @Override
    public Optional<Lineage> lineage(long id) {
        byte[] bytes = lineages.get(id);
        return bytes == null ? Optional.empty() : Optional.of(StoreCodec.decode(bytes, Lineage.class));
    }

    @Override
    public Optional<Lineage> lineageByKey(String key) {
        Long id = lineageByKey.get(key);
        return id == null ? Optional.empty() : lineage(id);
    }

    @Override
    public Optional<Lineage> lineageOfCertificate(String certificateId) {
        Long id = lineageByCertificate.get(certificateId);
        return id == null ? Optional.empty() : lineage(id);
    }

    @Override
    public Lineage putLineage(Lineage lineage) {
        return putLineages(List.of(lineage)).get(0);
    }

    @Override
    public List<Lineage> putLineages(List<Lineage> batch) {
        List<Lineage> stored = batch.stream().map(this::withId).toList();
        List<byte[]> encoded = stored.stream().map(StoreCodec::encode).toList();
        List<byte[]> summaries = stored.stream().map(l -> StoreCodec.encode(LineageSummary.of(l))).toList();
        write(() -> {
            for (int i = 0; i < stored.size(); i++) {
                putLineage(stored.get(i), encoded.get(i), summaries.get(i));
            }
        });
        return stored;
    }

    private Lineage withId(Lineage lineage) {
        return lineage.id() != 0 ? lineage : lineage.withId(lastLineageId.incrementAndGet());
    }

    /** Under the write lock: the record, its summary and its three indexes, a renamed lineage's old entries removed. */
    private void putLineage(Lineage lineage, byte[] bytes, byte[] summary) {
        byte[] old = lineages.put(lineage.id(), bytes);
        lineageSummaries.put(lineage.id(), summary);
        // Reads take no lock: an index entry that stays must never be removed and added back, or a reader in between
        // would not find the lineage. Only names that went are removed.
        if (old != null) {
            Lineage previous = StoreCodec.decode(old, Lineage.class);
            if (!previous.key().equals(lineage.key())) {
                lineageByKey.remove(previous.key(), lineage.id());
            }
            previous.names().stream().filter(name -> !lineage.names().contains(name))
                    .forEach(name -> lineagesByName.remove(nameKey(name, lineage.id())));
        }
        lineageByKey.put(lineage.key(), lineage.id());
        lineage.names().forEach(name -> lineagesByName.add(nameKey(name, lineage.id())));
        if (lineage.current() != null && lineage.current().certificateId() != null) {
            lineageByCertificate.put(lineage.current().certificateId(), lineage.id());
        }
    }

    private static String nameKey(String name, long id) {
        return reversedLabels(name) + '\0' + id;
    }

    /** www.example.com becomes com.example.www, so that a domain and everything under it sort together. */
    private static String reversedLabels(String name) {
        List<String> labels = new ArrayList<>(List.of(name.split("\\.")));
        java.util.Collections.reverse(labels);
        return String.join(".", labels);
    }

    @Override
    public List<Lineage> lineages(long afterId, int limit) {
        return lineages.tailMap(afterId, false).values().stream().limit(limit)
                .map(bytes -> StoreCodec.decode(bytes, Lineage.class)).toList();
    }

    @Override
    public List<LineageSummary> lineageSummaries(long afterId, int limit) {
        return lineageSummaries.tailMap(afterId, false).values().stream().limit(limit)
                .map(StoreCodec::decodeSummary).toList();
    }

    @Override
    public List<Long> lineageIdsByName(String name) {
        String prefix = reversedLabels(name.toLowerCase(java.util.Locale.ROOT));
        java.util.TreeSet<Long> ids = new java.util.TreeSet<>();
        for (String key : lineagesByName.subSet(prefix, true, prefix + '\uffff', true)) {
            char next = key.charAt(prefix.length());
            if (next == '\0' || next == '.') {
                ids.add(Long.parseLong(key.substring(key.lastIndexOf('\0') + 1)));
            }
        }
        return List.copyOf(ids);
    }

    @Override
    public Optional<ReportClient> reportClientByTokenHash(String tokenHash) {
        String name = reportClientByToken.get(tokenHash);
        return name == null ? Optional.empty() : reportClient(name);
    }

    @Override
    public Optional<ReportClient> reportClient(String name) {
        return read(reportClients, name, ReportClient.class);
    }

    @Override
    public void putReportClient(ReportClient client) {
        byte[] bytes = StoreCodec.encode(client);
        write(() -> {
            reportClient(client.name()).ifPresent(old -> reportClientByToken.remove(old.tokenHash()));
            reportClients.put(client.name(), bytes);
            reportClientByToken.put(client.tokenHash(), client.name());
        });
    }

    @Override
    public void appendAudit(List<AuditEvent> events) {
        Map<String, byte[]> encoded = encodeAudit(events);
        write(() -> audit.putAll(encoded));
    }

    private Map<String, byte[]> encodeAudit(List<AuditEvent> events) {
        Map<String, byte[]> encoded = new java.util.LinkedHashMap<>();
        for (AuditEvent event : events) {
            long nanos = event.at().getEpochSecond() * 1_000_000_000L + event.at().getNano();
            encoded.put(String.format("%020d-%012d", nanos, auditSequence.incrementAndGet()), StoreCodec.encode(event));
        }
        return encoded;
    }

    @Override
    public List<AuditEvent> recentAudit(int limit) {
        return audit.descendingMap().values().stream().limit(limit)
                .map(bytes -> StoreCodec.decode(bytes, AuditEvent.class)).toList();
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (!db.isClosed()) {
                db.close();
            }
        } finally {
            writeLock.unlock();
        }
    }
}
