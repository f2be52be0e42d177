package io.acmegate.gateway.authz;

import io.acmegate.gateway.acme.problem.Problem;
import io.acmegate.gateway.acme.problem.ProblemType;
import io.acmegate.gateway.acme.problem.Problems;
import io.acmegate.gateway.model.Account;
import io.acmegate.gateway.model.Authorization;
import io.acmegate.gateway.model.AuthorizationStatus;
import io.acmegate.gateway.model.Challenge;
import io.acmegate.gateway.model.ChallengeStatus;
import io.acmegate.gateway.store.Store;
import io.acmegate.gateway.validation.ChallengeCheck;
import io.acmegate.gateway.validation.ValidationFailure;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import io.acmegate.gateway.issuance.OrderLimits;
import io.acmegate.policy.ValidationFailures;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * acmegate as the validation authority of its downstream clients (validate mode): a client's response to a
 * challenge (RFC 8555 §7.5.1) starts a validation job that runs the challenge's check from acmegate's vantage point,
 * a few times with a pause between (a record or file the client just published may not be visible at once), and
 * ends with the challenge and its authorization valid, or invalid with the last error recorded in the challenge.
 */
public final class ChallengeValidations implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ChallengeValidations.class.getName());
    static final int MAX_CONCURRENT_CHECKS = 32;

    private final Store store;
    private final Map<String, ChallengeCheck> checks;
    private final int attempts;
    private final Duration pause;
    private final ValidationFailures failures;
    private final Clock clock;
    /** At most this many checks run at once, whatever the number of responses: each one holds sockets. */
    private final Semaphore checking = new Semaphore(MAX_CONCURRENT_CHECKS);
    /** authorization id + challenge type of the jobs running in this process. */
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * @param checks   by challenge type
     * @param attempts how many times a check runs before the challenge is invalid (at least 1)
     * @param pause    between attempts
     * @param failures where failed validations count, per account and name: enough of them pause the account's new
     *                 orders for the name (the limits of failures at upstream CAs, like Let's Encrypt's)
     */
    public ChallengeValidations(Store store, Map<String, ChallengeCheck> checks, int attempts, Duration pause,
                                ValidationFailures failures, Clock clock) {
        this.store = store;
        this.failures = failures;
        this.checks = Map.copyOf(checks);
        this.attempts = Math.max(1, attempts);
        this.pause = pause;
        this.clock = clock;
    }

    /**
     * The client responded to a challenge (§7.5.1): a pending one starts validating; a challenge already processing,
     * valid or invalid is answered as it stands, so that a repeated response changes nothing.
     *
     * @return the authorization as it now stands
     */
    public Authorization respond(Account account, Authorization authz, String type) {
        return change(authz.id(), current -> {
            Challenge challenge = current.challenge(type).orElseThrow(); // the handler checked the type
            if (challenge.status() != ChallengeStatus.PENDING) {
                return null;
            }
            if (current.statusAt(clock.instant()) != AuthorizationStatus.PENDING) {
                throw Problems.malformed("the authorization is " + current.statusAt(clock.instant()).wireName()
                        + ": its challenges can no longer be answered");
            }
            return current.with(challenge.processing());
        }, changed -> start(account, changed, type), current -> resumeIfStalled(account, current));
    }

    /**
     * A challenge left processing by a process that stopped has no job any more: the next look at its pending
     * authorization starts one (validation is idempotent, so running it again is safe).
     */
    public Authorization resumeIfStalled(Account account, Authorization authz) {
        if (authz.statusAt(clock.instant()) == AuthorizationStatus.PENDING) {
            authz.challenges().stream().filter(c -> c.status() == ChallengeStatus.PROCESSING)
                    .forEach(c -> start(account, authz, c.type()));
        }
        return authz;
    }

    /**
     * RFC 8555 §7.5.2: the client gives up an authorization; pending and valid ones can be deactivated, and orders
     * that need it can no longer be finalized.
     */
    public Authorization deactivate(Authorization authz) {
        return change(authz.id(), current -> {
            AuthorizationStatus now = current.statusAt(clock.instant());
            if (now != AuthorizationStatus.PENDING && now != AuthorizationStatus.VALID) {
                throw Problems.malformed("a " + now.wireName() + " authorization cannot be deactivated");
            }
            return current.withStatus(AuthorizationStatus.DEACTIVATED);
        }, changed -> { }, current -> current);
    }

    /**
     * Reads the stored authorization, derives the next one and writes it only if nothing changed it meanwhile;
     * retries on a concurrent change.
     *
     * @param next        the next authorization, or null to leave it as it is
     * @param afterChange run once with the written authorization
     * @param unchanged   the answer when {@code next} left it as it is
     */
    private Authorization change(String authzId, UnaryOperator<Authorization> next,
                                 Consumer<Authorization> afterChange, UnaryOperator<Authorization> unchanged) {
        while (true) {
            Authorization current = store.authorization(authzId)
                    .orElseThrow(() -> Problems.notFound("no such authorization"));
            Authorization changed = next.apply(current);
            if (changed == null) {
                return unchanged.apply(current);
            }
            if (store.replaceAuthorization(current, changed)) {
                afterChange.accept(changed);
                return changed;
            }
        }
    }

    private void start(Account account, Authorization authz, String type) {
        String job = authz.id() + " " + type;
        if (!running.add(job)) {
            return;
        }
        executor.submit(() -> {
            try {
                validate(account, authz, type);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "validation of " + job + " failed", e);
            } finally {
                running.remove(job);
            }
        });
    }

    private void validate(Account account, Authorization authz, String type) {
        Challenge challenge = authz.challenge(type).orElseThrow();
        String keyAuthorization = challenge.token() + "." + account.keyThumbprint();
        ValidationFailure last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                check(type, authz, challenge, keyAuthorization);
                settle(authz.id(), challenge.valid(clock.instant()));
                failures.recordSuccess(OrderLimits.validationKey(account.id(), authz.identifier().value()));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ValidationFailure e) {
                if (Thread.currentThread().isInterrupted()) {
                    return; // shutting down, not a verdict: the challenge resumes on the next start
                }
                last = e;
                if (attempt < attempts && !sleep()) {
                    return;
                }
            }
        }
        ProblemType problemType = ProblemType.byName(last.type()).orElse(ProblemType.UNAUTHORIZED);
        settle(authz.id(), challenge.invalid(new Problem(problemType, last.detail(), problemType.defaultStatus(),
                null, null)));
        failures.recordFailure(OrderLimits.validationKey(account.id(), authz.identifier().value()),
                type + ": " + last.detail());
    }

    private void check(String type, Authorization authz, Challenge challenge, String keyAuthorization)
            throws ValidationFailure, InterruptedException {
        checking.acquire();
        try {
            checks.get(type).check(authz.identifier().type(), authz.identifier().value(), challenge.token(),
                    keyAuthorization);
        } finally {
            checking.release();
        }
    }

    /**
     * Records the outcome in the challenge; the authorization's status follows only while it is pending
     * ({@link Authorization#with}), so a deactivation in the meantime stands.
     */
    private void settle(String authzId, Challenge outcome) {
        change(authzId, current -> current.challenge(outcome.type())
                        .filter(c -> c.status() == ChallengeStatus.PROCESSING).map(c -> current.with(outcome))
                        .orElse(null),
                changed -> { }, current -> current);
    }

    private boolean sleep() {
        try {
            Thread.sleep(pause);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops the jobs and waits briefly for them, so that none writes to a store being closed. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
