package io.acmegate.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Limits on new orders that protect the upstream CA accounts many clients share, so that one broken
 * client cannot spend an account's limits (Let's Encrypt: 300 new orders per account per 3 hours): one
 * token bucket per client and one per DNS name, created on first use.
 *
 * <p>An order takes one token from its client's bucket and one from each of its distinct names' buckets,
 * all or none: a refused order spends nothing. Names compare case-insensitively; a wildcard
 * "*.example.com" is a name of its own.
 *
 * <p>Memory is bounded: past {@code maxKeys} buckets of a kind, full buckets are forgotten first (a new
 * bucket is full, so nothing changes), then the least recently used; a bucket forgotten while not full
 * forgets what its key had spent.
 *
 * <p>Thread-safe: {@link #tryOrder} is atomic with respect to every other call.
 */
public final class RateLimits {
    /** Enough keys for any single gateway; a bucket costs well under 100 bytes. */
    public static final int DEFAULT_MAX_KEYS = 100_000;

    private final LimitConfig perClient;
    private final LimitConfig perName;
    private final Clock clock;
    private final IdleEvictingMap<TokenBucket> clientBuckets;
    private final IdleEvictingMap<TokenBucket> nameBuckets;

    /** Limits with {@link #DEFAULT_MAX_KEYS} buckets of each kind. */
    public RateLimits(LimitConfig perClient, LimitConfig perName, Clock clock) {
        this(perClient, perName, clock, DEFAULT_MAX_KEYS);
    }

    /**
     * @param perClient the limit for each client (ACME account) across all its orders
     * @param perName   the limit for each DNS name across all clients
     * @param clock     the time source; tests pass a controllable one
     * @param maxKeys   how many buckets of each kind to keep, at least 1
     * @throws NullPointerException if an argument is null
     */
    public RateLimits(LimitConfig perClient, LimitConfig perName, Clock clock, int maxKeys) {
        this.perClient = Objects.requireNonNull(perClient, "perClient");
        this.perName = Objects.requireNonNull(perName, "perName");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.clientBuckets = new IdleEvictingMap<>(maxKeys, TokenBucket::isFull);
        this.nameBuckets = new IdleEvictingMap<>(maxKeys, TokenBucket::isFull);
    }

    /** The outcome of {@link #tryOrder}. */
    public sealed interface Decision {
        /** The order may go upstream; its tokens are taken. */
        static Decision allowed() {
            return Allowed.INSTANCE;
        }

        /** The order is refused; nothing was taken. */
        static Decision limited(String reason, Duration retryAfter) {
            return new Limited(reason, retryAfter);
        }

        /** The order may go upstream. */
        record Allowed() implements Decision {
            private static final Allowed INSTANCE = new Allowed();
        }

        /**
         * A limit refused the order (RFC 8555 §6.7 "rateLimited").
         *
         * @param reason     one line for the problem document and status: which limit, for whom
         * @param retryAfter how long until the order would be allowed, whole seconds, at least one second:
         *                   the Retry-After header (RFC 8555 §6.6)
         */
        record Limited(String reason, Duration retryAfter) implements Decision {
            public Limited {
                Objects.requireNonNull(reason, "reason");
                Objects.requireNonNull(retryAfter, "retryAfter");
            }
        }
    }

    /**
     * Takes one token for the client and one for each distinct name, if every bucket has one; otherwise
     * takes none and says which limit refused, with the longest wait among the empty buckets (the time after
     * which the same order would pass, if nothing else takes tokens meanwhile).
     *
     * @param clientId the ordering client, for example its ACME account URL or id
     * @param names    the order's DNS names, possibly empty (an order of IP addresses only); no nulls
     * @return never null
     * @throws NullPointerException if an argument or a name is null
     */
    public Decision tryOrder(String clientId, List<String> names) {
        Objects.requireNonNull(clientId, "clientId");
        Set<String> distinctNames = new LinkedHashSet<>();
        for (String name : names) {
            distinctNames.add(Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT));
        }
        synchronized (this) {
            Instant now = clock.instant();
            TokenBucket clientBucket = clientBuckets.getOrCreate(clientId, () -> new TokenBucket(perClient));
            List<TokenBucket> buckets = new ArrayList<>();
            buckets.add(clientBucket);
            for (String name : distinctNames) {
                buckets.add(nameBuckets.getOrCreate(name, () -> new TokenBucket(perName)));
            }
            Decision decision = decide(now, clientId, clientBucket, new ArrayList<>(distinctNames), buckets);
            if (decision instanceof Decision.Allowed) {
                buckets.forEach(bucket -> bucket.take(now));
            }
            clientBuckets.trim(now);
            nameBuckets.trim(now);
            return decision;
        }
    }

    private Decision decide(Instant now, String clientId, TokenBucket clientBucket, List<String> names,
            List<TokenBucket> buckets) {
        int emptyCount = 0;
        int longestIndex = -1;
        Duration longestWait = Duration.ZERO;
        for (int i = 0; i < buckets.size(); i++) {
            TokenBucket bucket = buckets.get(i);
            if (!bucket.canTake(now)) {
                emptyCount++;
                Duration wait = bucket.retryAfter(now);
                if (longestIndex < 0 || wait.compareTo(longestWait) > 0) {
                    longestIndex = i;
                    longestWait = wait;
                }
            }
        }
        if (emptyCount == 0) {
            return Decision.allowed();
        }
        Duration retryAfter = Durations.roundUpToSeconds(longestWait);
        String reason = longestIndex == 0
                ? "too many new orders from client " + DnsNameSyntax.printable(clientId) + ": at most "
                        + clientBucket.limit().describe()
                : "too many new orders for " + DnsNameSyntax.printable(names.get(longestIndex - 1))
                        + ": at most " + perName.describe() + " per name";
        if (emptyCount > 1) {
            reason += " (and " + (emptyCount - 1) + " more limit" + (emptyCount > 2 ? "s" : "") + " reached)";
        }
        return Decision.limited(reason + "; retry after " + Durations.describe(retryAfter), retryAfter);
    }

    /** The tokens the client's bucket holds now; the limit's capacity for a client not seen (or forgotten). */
    public synchronized int availableForClient(String clientId) {
        TokenBucket bucket = clientBuckets.get(Objects.requireNonNull(clientId, "clientId"));
        return bucket == null ? perClient.capacity() : bucket.available(clock.instant());
    }

    /** The tokens the name's bucket holds now; the limit's capacity for a name not seen (or forgotten). */
    public synchronized int availableForName(String name) {
        TokenBucket bucket = nameBuckets.get(name.toLowerCase(Locale.ROOT));
        return bucket == null ? perName.capacity() : bucket.available(clock.instant());
    }

    /** How many buckets are kept: clients plus names. For tests and metrics. */
    synchronized int bucketCount() {
        return clientBuckets.size() + nameBuckets.size();
    }
}
