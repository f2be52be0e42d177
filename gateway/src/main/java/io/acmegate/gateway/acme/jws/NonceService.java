package io.acmegate.gateway.acme.jws;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

/**
 * Anti-replay nonces (RFC 8555 §6.5): issued in Replay-Nonce headers, each accepted once.
 *
 * <p>Thread-safe. Nonces live in memory only, so they do not survive a restart and are not shared
 * between instances: a client that presents one anyway gets {@code badNonce} and retries with the
 * fresh nonce of that response (§6.5). When more than {@code maxOutstanding} are unused, some are
 * dropped early, with the same effect.
 */
public final class NonceService {
    private static final int NONCE_BYTES = 16; // 128 bits
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();
    private final Cache<String, Boolean> outstanding;

    /**
     * @param lifetime       how long an issued nonce stays usable
     * @param maxOutstanding how many issued, unused nonces are kept at most
     */
    public NonceService(Duration lifetime, long maxOutstanding) {
        this(lifetime, maxOutstanding, Ticker.systemTicker());
    }

    NonceService(Duration lifetime, long maxOutstanding, Ticker ticker) {
        Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.isNegative() || lifetime.isZero() || maxOutstanding < 1) {
            throw new IllegalArgumentException("nonce lifetime and maxOutstanding must be positive");
        }
        this.outstanding = Caffeine.newBuilder()
                .expireAfterWrite(lifetime)
                .maximumSize(maxOutstanding)
                .ticker(ticker)
                .executor(Runnable::run) // evict on the caller's thread: no background work to race with
                .build();
    }

    /** A fresh nonce: 128 random bits, base64url without padding. */
    public String issue() {
        byte[] bytes = new byte[NONCE_BYTES];
        random.nextBytes(bytes);
        String nonce = BASE64URL.encodeToString(bytes);
        outstanding.put(nonce, Boolean.TRUE);
        return nonce;
    }

    /**
     * Uses up a nonce. Returns true exactly once for each issued nonce; false for null, unknown,
     * already used or expired nonces. Atomic: of two concurrent calls with one nonce, one wins.
     */
    public boolean consume(String nonce) {
        return nonce != null && outstanding.asMap().remove(nonce) != null;
    }
}
