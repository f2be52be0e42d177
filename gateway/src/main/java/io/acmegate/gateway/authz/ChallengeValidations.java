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
import java.util.concurrent.ConcurrentHashMap;
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

    private final Store store;
    private final Map<String, ChallengeCheck> checks;
    private final int attempts;
    private final Duration pause;
    private final Clock clock;
    /** authorization id + challenge type of the jobs running in this process. */
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * @param checks   by challenge type
     * @param attempts how many times a check runs before the challenge is invalid (at least 1)
     * @param pause    between attempts
     */
    public ChallengeValidations(Store store, Map<String, ChallengeCheck> checks, int attempts, Duration pause,
                                Clock clock) {
        this.store = store;
        this.checks = Map.copyOf(checks);
        this.attempts = Math.max(1, attempts);
        this.pause = pause;
        this.clock = clock;
    }

    /** The challenge types acmegate can validate, for the authorizations of validate mode. */
    public Set<String> types() {
        return checks.keySet();
    }

    /**
     * The client responded to a challenge (§7.5.1): a pending one starts validating; a challenge already processing,
     * valid or invalid is answered as it stands, so that a repeated response changes nothing.
     *
     * @return the authorization as it now stands
     */
    public Authorization respond(Account account, Authorization authz, String type) {
        Challenge challenge = authz.challenge(type)
                .orElseThrow(() -> Problems.notFound("this authorization has no " + type + " challenge"));
        if (challenge.status() != ChallengeStatus.PENDING) {
            return resumeIfStalled(account, authz);
        }
        if (authz.statusAt(clock.instant()) != AuthorizationStatus.PENDING) {
            throw Problems.malformed("the authorization is " + authz.statusAt(clock.instant()).wireName()
                    + ": its challenges can no longer be answered");
        }
        Authorization processing = authz.with(challenge.processing());
        store.updateAuthorization(processing);
        start(account, processing, type);
        return processing;
    }

    /**
     * A challenge left processing by a process that stopped has no job any more: the next look at it starts one
     * (validation is idempotent, so running it again is safe).
     */
    public Authorization resumeIfStalled(Account account, Authorization authz) {
        authz.challenges().stream().filter(c -> c.status() == ChallengeStatus.PROCESSING)
                .forEach(c -> start(account, authz, c.type()));
        return authz;
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
                checks.get(type).check(authz.identifier().type(), authz.identifier().value(), challenge.token(),
                        keyAuthorization);
                finish(authz.id(), challenge.valid(clock.instant()));
                return;
            } catch (ValidationFailure e) {
                last = e;
                if (attempt < attempts && !sleep()) {
                    return; // shutting down: the challenge stays processing and resumes on the next start
                }
            }
        }
        ProblemType problemType = ProblemType.byName(last.type()).orElse(ProblemType.UNAUTHORIZED);
        finish(authz.id(), challenge.invalid(new Problem(problemType, last.detail(), problemType.defaultStatus(),
                null, null)));
    }

    /** Stores the outcome on the authorization as stored now (it may have been deactivated meanwhile). */
    private void finish(String authzId, Challenge outcome) {
        store.authorization(authzId).filter(a -> a.status() == AuthorizationStatus.PENDING)
                .ifPresent(current -> store.updateAuthorization(current.with(outcome)));
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

    /**
     * RFC 8555 §7.5.2: the client gives up an authorization; pending and valid ones can be deactivated, and the
     * orders that need it become invalid.
     */
    public Authorization deactivate(Authorization authz) {
        AuthorizationStatus now = authz.statusAt(clock.instant());
        if (now != AuthorizationStatus.PENDING && now != AuthorizationStatus.VALID) {
            throw Problems.malformed("a " + now.wireName() + " authorization cannot be deactivated");
        }
        Authorization deactivated = authz.withStatus(AuthorizationStatus.DEACTIVATED);
        store.updateAuthorization(deactivated);
        return deactivated;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
