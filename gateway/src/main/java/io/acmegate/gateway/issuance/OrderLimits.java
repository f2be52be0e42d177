package io.acmegate.gateway.issuance;

import io.acmegate.gateway.acme.problem.Problems;
import io.acmegate.gateway.model.Account;
import io.acmegate.gateway.model.Identifier;
import io.acmegate.policy.RateLimits;
import io.acmegate.policy.ValidationFailures;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Protects the shared upstream accounts from one broken client (Let's Encrypt allows 300 new orders per
 * account per 3 hours, and pauses a hostname for the whole account after repeated failed validations):
 * per-client and per-name token buckets, and a stop on names whose upstream validations keep failing.
 * The client is told why, as rateLimited with Retry-After (RFC 8555 §6.6).
 */
public final class OrderLimits {
    private final RateLimits rates;
    private final ValidationFailures failures;
    private final Clock clock;

    public OrderLimits(RateLimits rates, ValidationFailures failures, Clock clock) {
        this.rates = rates;
        this.failures = failures;
        this.clock = clock;
    }

    public ValidationFailures validationFailures() {
        return failures;
    }

    /**
     * Where a failed validation of the account's own challenge counts: per account and name, as Let's Encrypt's
     * failed-validation limit, so that nobody can pause a name for its other holders by failing on purpose.
     */
    public static String validationKey(String accountId, String name) {
        return accountId + " " + name;
    }

    /**
     * Refuses the order, taking nothing, when a name is paused (by failures at upstream CAs, or by this account's
     * failed validations) or a bucket is empty.
     */
    void check(Account account, List<Identifier> identifiers) {
        List<String> names = identifiers.stream().map(i -> i.withoutWildcard().value()).distinct().toList();
        for (String name : names) {
            var pause = failures.pausedUntil(name).or(() -> failures.pausedUntil(validationKey(account.id(), name)));
            if (pause.isPresent()) {
                throw Problems.rateLimited(pause.get().describe(name),
                        Duration.between(clock.instant(), pause.get().until()));
            }
        }
        if (rates.tryOrder(account.id(), names) instanceof RateLimits.Decision.Limited limited) {
            throw Problems.rateLimited(limited.reason(), limited.retryAfter());
        }
    }
}
