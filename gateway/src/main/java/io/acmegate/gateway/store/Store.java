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
import io.acmegate.gateway.model.PublishedChallenge;
import io.acmegate.gateway.model.ReportClient;
import io.acmegate.gateway.model.UpstreamAccount;
import java.util.List;
import java.util.Optional;

/**
 * Where acmegate keeps what it told its clients. Every write method is atomic and durable when it
 * returns (DESIGN: a state change a client was told about is durable before the response), so that
 * a kill -9 right after it loses nothing. Implementations are safe for concurrent use; readers see
 * either all or none of one write.
 */
public interface Store extends AutoCloseable {

    Optional<Account> account(String id);

    /** The account registered with this key (RFC 7638 SHA-256 thumbprint), if any. */
    Optional<Account> accountByThumbprint(String thumbprint);

    /**
     * Stores a new account, unless another account already holds its key.
     *
     * @return the account stored under that key: the given one, or the one that won a race
     */
    Account createAccount(Account account);

    void updateAccount(Account account);

    /**
     * Moves an account to a new key (RFC 8555 §7.3.5), in one write, unless another account holds that key.
     *
     * @param next the account with its new key and thumbprint
     * @return the account that already holds the new key, if any (then nothing changed)
     * @throws ConcurrentChangeException when the stored account no longer has the old key or changed status
     */
    Optional<Account> changeAccountKey(Account next, String oldThumbprint);

    Optional<Order> order(String id);

    /** The orders of one account, oldest first. */
    List<Order> ordersOf(String accountId);

    /**
     * One page of an account's order ids, oldest first (RFC 8555 §7.1.2.1).
     *
     * @param cursor null for the first page, else the {@code next} of the previous page
     */
    OrderPage orderPage(String accountId, String cursor, int limit);

    /** @param next the cursor of the following page, null on the last */
    record OrderPage(List<String> orderIds, String next) {
    }

    Optional<Authorization> authorization(String id);

    /**
     * Replaces an authorization only if the stored one still equals {@code expected}: the compare-and-set that keeps
     * a validation outcome, a client's response and a deactivation from overwriting one another.
     *
     * @return false when the stored authorization had changed
     */
    boolean replaceAuthorization(Authorization expected, Authorization next);

    /**
     * The account's most recently validated authorization for this identifier (validate mode), to be reused by its
     * next order as Boulder and Pebble do; it may have expired or been deactivated since, so check its status.
     */
    Optional<Authorization> validatedAuthorization(String accountId, Identifier identifier, boolean wildcard);

    /** Stores a new order together with its new authorizations, in one write. */
    void createOrder(Order order, List<Authorization> authorizations);

    void updateOrder(Order order);

    /**
     * Replaces an order only if its stored status is still {@code expected}: the compare-and-set
     * that keeps two concurrent finalize requests from issuing twice.
     *
     * @return false when the stored order had moved on
     */
    boolean replaceOrder(Order next, io.acmegate.gateway.model.OrderStatus expected);

    /** The orders in state processing: the issuance jobs to resume after a restart. */
    List<Order> processingOrders();

    Optional<IssuedCertificate> certificate(String id);

    Optional<IssuedCertificate> certificateBySerial(String serial);

    /**
     * Stores a new certificate, the order it completes, the audit events of its issuance and the lineage it now
     * heads, in one write.
     *
     * @return the lineage as stored (a new one with its id)
     */
    Lineage completeOrder(Order order, IssuedCertificate certificate, List<AuditEvent> audit, Lineage lineage);

    /** Stores a changed certificate (its revocation) and, when given, the lineage it heads, in one write. */
    void updateCertificate(IssuedCertificate certificate, Lineage lineage);

    Optional<EabKey> eabKey(String keyId);

    void createEabKey(EabKey key);

    List<EabKey> eabKeys();

    /** Every record on the challenge board, expired ones included (the board sweeps them). */
    List<PublishedChallenge> publishedChallenges();

    void publishChallenge(PublishedChallenge challenge);

    void withdrawChallenge(PublishedChallenge challenge);

    Optional<Delegation> delegation(String label);

    /** The delegation whose acme-dns API user this is. */
    Optional<Delegation> delegationByUser(String username);

    List<Delegation> delegations();

    void putDelegation(Delegation delegation);

    void removeDelegation(Delegation delegation);

    Optional<UpstreamAccount> upstreamAccount(String name);

    void putUpstreamAccount(UpstreamAccount account);

    Optional<Lineage> lineage(long id);

    /** The lineage of one client and one set of names ({@link Lineage#key()}). */
    Optional<Lineage> lineageByKey(String key);

    /** The lineage a certificate issued by acmegate belongs to. */
    Optional<Lineage> lineageOfCertificate(String certificateId);

    /**
     * Stores a lineage, replacing the one with its id; a lineage with id 0 is new and gets the next id (ids
     * increase).
     *
     * @return the lineage as stored
     */
    Lineage putLineage(Lineage lineage);

    /** {@link #putLineage} for many, in one write: imports and benchmarks. */
    List<Lineage> putLineages(List<Lineage> lineages);

    /** Lineages in id order, the first with an id above {@code afterId}, at most {@code limit}. */
    List<Lineage> lineages(long afterId, int limit);

    /** {@link #lineages} as summaries: what the status index needs, read without decoding whole lineages. */
    List<LineageSummary> lineageSummaries(long afterId, int limit);

    /** Ids of the lineages that hold {@code name} or a name under it ({@code *.name} included), ascending. */
    List<Long> lineageIdsByName(String name);

    Optional<ReportClient> reportClientByTokenHash(String tokenHash);

    Optional<ReportClient> reportClient(String name);

    /** Stores a reporting client, replacing one of the same name (its old token stops working). */
    void putReportClient(ReportClient client);

    /** Appends events to the audit trail, in one write. */
    void appendAudit(List<AuditEvent> events);

    /** The most recent audit events, newest first, at most {@code limit}. */
    List<AuditEvent> recentAudit(int limit);

    @Override
    void close();
}
