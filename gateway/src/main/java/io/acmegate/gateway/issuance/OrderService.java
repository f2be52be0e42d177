package io.acmegate.gateway.issuance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.acme.problem.AcmeProblemException;
import io.acmegate.gateway.acme.problem.Problem;
import io.acmegate.gateway.acme.problem.ProblemType;
import io.acmegate.gateway.acme.ari.AriCertificateId;
import io.acmegate.gateway.acme.problem.Problems;
import io.acmegate.gateway.model.Account;
import io.acmegate.gateway.model.AuditEvent;
import io.acmegate.gateway.model.Authorization;
import io.acmegate.gateway.model.AuthorizationStatus;
import io.acmegate.gateway.model.Identifier;
import io.acmegate.gateway.model.IssuedCertificate;
import io.acmegate.gateway.model.Order;
import io.acmegate.gateway.model.OrderStatus;
import io.acmegate.gateway.model.ResourceIds;
import io.acmegate.gateway.store.Store;
import io.acmegate.policy.IssuancePolicy;
import io.acmegate.policy.NameDecision;
import io.acmegate.policy.CertificateProfile;
import io.acmegate.policy.CertificateProfiles;
import io.acmegate.policy.ValidityRequest;
import io.acmegate.gateway.model.CertificateTerms;
import io.acmegate.gateway.model.Challenge;
import io.acmegate.gateway.model.ChallengeStatus;
import io.acmegate.policy.NameGrant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Orders and their authorizations (RFC 8555 §7.4): creates them as policy allows, moves them along
 * the §7.1.6 state machine, and hands finalized orders to the issuance jobs.
 */
public final class OrderService {
    static final Duration ORDER_LIFETIME = Duration.ofDays(7);
    static final Duration AUTHORIZATION_LIFETIME = Duration.ofDays(30);
    /** Boulder gives a pending authorization 7 days to be validated. */
    static final Duration PENDING_AUTHORIZATION_LIFETIME = Duration.ofDays(7);

    private final Store store;
    private final IssuancePolicy policy;
    private final CertificateProfiles profiles;
    private final IssuanceJobs jobs;
    private final OrderLimits limits;
    private final Duration finalizeWait;
    private final Clock clock;
    /** Orders whose finalize is waiting for its job, still ready in the store: a second finalize is refused. */
    private final Set<String> finalizing = ConcurrentHashMap.newKeySet();

    /**
     * @param finalizeWait how long finalize waits for issuance before answering "processing"; most
     *                     local issuances finish well within it, so clients need not poll
     */
    public OrderService(Store store, IssuancePolicy policy, CertificateProfiles profiles, IssuanceJobs jobs,
                        OrderLimits limits, Duration finalizeWait, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.profiles = profiles;
        this.jobs = jobs;
        this.limits = limits;
        this.finalizeWait = finalizeWait;
        this.clock = clock;
    }

    public Order newOrder(Account account, ObjectNode payload, Order.Origin origin) {
        NewOrderRequest request = NewOrderRequest.parse(payload);
        NameGrant grant = grantOf(account);
        Map<Identifier, NameDecision> decisions = new LinkedHashMap<>();
        List<Problem.Subproblem> refused = new ArrayList<>();
        for (Identifier id : request.identifiers()) {
            NameDecision decision = id.isIp() ? policy.decideIp(id.value(), grant) : policy.decide(id.value(), grant);
            if (decision instanceof NameDecision.Rejected rejected) {
                refused.add(new Problem.Subproblem(ProblemType.REJECTED_IDENTIFIER, rejected.reason(), id.type(),
                        id.value()));
            }
            decisions.put(id, decision);
        }
        Instant now = clock.instant();
        CertificateTerms terms;
        try {
            if (!refused.isEmpty()) {
                throw Problems.rejectedIdentifiers(refused);
            }
            terms = terms(request, now);
            limits.check(account, request.identifiers());
        } catch (AcmeProblemException e) {
            store.appendAudit(List.of(new AuditEvent(clock.instant(), "refused", account.id(), null,
                    request.identifiers().stream().map(Identifier::value).toList(), null, null, "refused",
                    e.problem().detail(), origin == null ? null : origin.address())));
            throw e;
        }
        // One authorization per identifier and wildcard flag (RFC 8555 §7.1.4): valid at once for a trusted
        // identifier, pending with challenges for one the client must prove (validate mode).
        Map<String, Authorization> authorizations = new LinkedHashMap<>();
        Set<String> reused = new HashSet<>();
        decisions.forEach((id, decision) -> authorizations.computeIfAbsent(id.type() + " " + id.value(), key ->
                decision instanceof NameDecision.Validate validate
                        ? reusable(account, id, now).map(stored -> {
                            reused.add(stored.id());
                            return stored;
                        }).orElseGet(() -> new Authorization(ResourceIds.next(), account.id(),
                                id.withoutWildcard(), id.isWildcard(), AuthorizationStatus.PENDING,
                                now.plus(PENDING_AUTHORIZATION_LIFETIME), challengesFor(validate)))
                        : new Authorization(ResourceIds.next(), account.id(), id.withoutWildcard(), id.isWildcard(),
                                AuthorizationStatus.VALID, now.plus(AUTHORIZATION_LIFETIME), List.of())));
        List<String> authorizationIds = authorizations.values().stream().map(Authorization::id).toList();
        Order.Replaces replaces = request.replaces() == null ? null
                : replaced(account, request.replaces(), request.identifiers());
        Order order = new Order(ResourceIds.next(), account.id(), OrderStatus.PENDING, now.plus(ORDER_LIFETIME),
                request.identifiers(), authorizationIds, null, null, null, now, replaces, origin, terms);
        order = withAuthorizationOutcome(order, List.copyOf(authorizations.values()), now);
        // Only the new ones are written: a reused one is stored already, and may be deactivated meanwhile.
        store.createOrder(order, authorizations.values().stream().filter(a -> !reused.contains(a.id())).toList());
        return order;
    }

    /**
     * A valid authorization the account earned for this identifier in an earlier order, with a day left: reused
     * as Boulder and Pebble do (RFC 8555 §7.1.3 lets an order list existing authorizations), so that a renewal does
     * not prove control again.
     */
    private Optional<Authorization> reusable(Account account, Identifier id, Instant now) {
        return store.validatedAuthorization(account.id(), id.withoutWildcard(), id.isWildcard())
                .filter(a -> a.statusAt(now) == AuthorizationStatus.VALID
                        && a.expires().isAfter(now.plus(Duration.ofDays(1))));
    }

    /** The challenges the policy offers for the identifier (RFC 8555 §8), each with its own token. */
    private static List<Challenge> challengesFor(NameDecision.Validate decision) {
        return decision.challengeTypes().stream()
                .map(type -> new Challenge(type, ResourceIds.next(), ChallengeStatus.PENDING, null, null)).toList();
    }

    /** The profile (the default when none is named) and the requested validity, checked against the profile. */
    private CertificateTerms terms(NewOrderRequest request, Instant now) {
        CertificateProfile profile = request.profile() == null ? profiles.defaultProfile()
                : profiles.find(request.profile()).orElseThrow(() -> Problems.invalidProfile("no profile '"
                        + request.profile() + "'; this server offers " + profiles.descriptions().keySet()));
        ValidityRequest.check(request.notBefore(), request.notAfter(), now, profile).ifPresent(reason -> {
            throw Problems.malformed(reason);
        });
        return new CertificateTerms(profile.name(), request.notBefore(), request.notAfter());
    }

    /**
     * RFC 9773 §5: the certificate an order replaces must be one this account holds, for names that overlap
     * the order's; its issuer is remembered so that {@code replaces} goes to that CA only.
     */
    private Order.Replaces replaced(Account account, String certId, List<Identifier> identifiers) {
        AriCertificateId id = AriCertificateId.parse(certId).orElseThrow(() ->
                Problems.malformed("replaces is not an RFC 9773 certificate identifier (base64url AKI.serial)"));
        IssuedCertificate replaced = id.find(store)
                .orElseThrow(() -> Problems.malformed("replaces names a certificate this server did not issue"));
        if (!replaced.accountId().equals(account.id())) {
            throw Problems.unauthorized("replaces names a certificate of another account");
        }
        Set<String> previous = store.order(replaced.orderId()).map(o -> o.identifiers().stream()
                .map(Identifier::value).collect(Collectors.toSet())).orElse(Set.of());
        if (identifiers.stream().noneMatch(i -> previous.contains(i.value()))) {
            throw Problems.malformed("replaces names a certificate for none of this order's names");
        }
        return new Order.Replaces(certId, replaced.id(), replaced.issuer());
    }

    private NameGrant grantOf(Account account) {
        if (account.eabKeyId() == null) {
            return NameGrant.none();
        }
        return store.eabKey(account.eabKeyId())
                .map(key -> NameGrant.parse(key.names()))
                .orElse(NameGrant.none());
    }

    /** The order as it stands now: expiry and authorization outcomes applied and stored (§7.1.6). */
    public Order current(Order order) {
        Instant now = clock.instant();
        Order next = order;
        if (order.status() == OrderStatus.PENDING) {
            List<Authorization> authzs = order.authorizationIds().stream()
                    .map(store::authorization).flatMap(Optional::stream).toList();
            next = withAuthorizationOutcome(order, authzs, now);
        }
        if (next.expiredAt(now)) {
            next = next.invalid(Problems.malformed("the order expired before it was finalized").problem());
        }
        if (next == order) {
            return order;
        }
        // Another request may have moved the order first: then the stored one is the truth.
        return store.replaceOrder(next, order.status()) ? next : store.order(order.id()).orElse(next);
    }

    private static Order withAuthorizationOutcome(Order order, List<Authorization> authzs, Instant now) {
        if (order.status() != OrderStatus.PENDING) {
            return order;
        }
        boolean allValid = authzs.size() == order.authorizationIds().size()
                && authzs.stream().allMatch(a -> a.statusAt(now) == AuthorizationStatus.VALID);
        if (allValid) {
            return order.moveTo(OrderStatus.READY);
        }
        boolean anyFailed = authzs.stream().map(a -> a.statusAt(now))
                .anyMatch(s -> s != AuthorizationStatus.PENDING && s != AuthorizationStatus.VALID);
        return anyFailed
                ? order.invalid(Problems.unauthorized("an authorization of this order is no longer valid").problem())
                : order;
    }

    /** RFC 8555 §7.4: checks the CSR, starts the issuance job, and waits briefly for it. */
    public Order finalizeOrder(Order order, ObjectNode payload) {
        if (!finalizing.add(order.id())) {
            throw Problems.orderNotReady("the order is already being finalized");
        }
        try {
            // Read again under the claim: a finalize that ended meanwhile has stored its outcome.
            return finalizeClaimed(store.order(order.id()).orElse(order), payload);
        } finally {
            finalizing.remove(order.id());
        }
    }

    private Order finalizeClaimed(Order order, ObjectNode payload) {
        Order ready = current(order);
        if (ready.status() != OrderStatus.READY) {
            throw Problems.orderNotReady("the order is " + ready.status().wireName() + ", not ready");
        }
        Instant now = clock.instant();
        // §7.1.6: a ready order stays ready only while every authorization is valid (one may have been deactivated
        // or expired since), and a requested notAfter must still lie ahead.
        List<Authorization> authzs = ready.authorizationIds().stream().map(store::authorization)
                .flatMap(Optional::stream).toList();
        if (authzs.size() != ready.authorizationIds().size()
                || authzs.stream().anyMatch(a -> a.statusAt(now) != AuthorizationStatus.VALID)) {
            store.replaceOrder(ready.invalid(Problems.unauthorized(
                    "an authorization of this order is no longer valid").problem()), OrderStatus.READY);
            throw Problems.orderNotReady("an authorization of this order is no longer valid; the order is invalid");
        }
        if (ready.terms() != null && ready.terms().notAfter() != null && !ready.terms().notAfter().isAfter(now)) {
            throw Problems.malformed("the order's notAfter " + ready.terms().notAfter() + " has passed; order anew");
        }
        byte[] der = decodeCsr(payload.get("csr"));
        ValidCsr csr = CsrCheck.check(der, ready.identifiers());
        Order processing = ready.processing(der);
        return issueOrAnswerProcessing(processing, jobs.submit(processing, csr));
    }

    /**
     * Waits briefly for the job. The order becomes processing in the store only when the client is to be told
     * so (DESIGN: what a client was told is durable, and a restart resumes a processing order): a job that ends
     * within the wait stores its outcome alone, one write where a local issuance used to take two. Until then
     * the order is claimed in {@link #finalizing}; a crash meanwhile leaves it ready, and the client, who got no
     * answer, finalizes again.
     */
    private Order issueOrAnswerProcessing(Order processing, CompletableFuture<Order> job) {
        try {
            return job.get(finalizeWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // fall through: the job goes on while the client polls
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            return store.order(processing.id()).orElse(processing);
        }
        // The job may have stored its outcome meanwhile: then that, not processing, is the answer.
        return store.replaceOrder(processing, OrderStatus.READY) ? processing
                : store.order(processing.id()).orElse(processing);
    }

    private static byte[] decodeCsr(JsonNode csr) {
        if (csr == null || !csr.isTextual()) {
            throw Problems.malformed("finalize needs a csr member: the base64url DER of a PKCS#10 request");
        }
        try {
            return Base64.getUrlDecoder().decode(csr.asText());
        } catch (IllegalArgumentException e) {
            throw Problems.badCsr("the csr is not base64url");
        }
    }
}
