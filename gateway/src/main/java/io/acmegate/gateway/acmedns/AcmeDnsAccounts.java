package io.acmegate.gateway.acmedns;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.acmegate.policy.CidrRange;
import io.acmegate.gateway.model.Delegation;
import io.acmegate.gateway.model.Delegation.ApiCredentials;
import io.acmegate.gateway.store.Store;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * acme-dns API users: each owns one delegation label. Passwords are random (acme-dns: 40 characters)
 * and stored only as bcrypt hashes; a short cache of verified credentials spares a bcrypt per update.
 */
final class AcmeDnsAccounts {
    private static final int BCRYPT_COST = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Store store;
    private final Clock clock;
    /** username → SHA-256 of a password that bcrypt accepted recently. */
    private final Cache<String, String> verified = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(5)).maximumSize(100_000).build();

    AcmeDnsAccounts(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    record Registered(Delegation delegation, String password) {
    }

    Registered register(List<CidrRange> allowFrom, List<String> domains) {
        String password = newPassword();
        ApiCredentials credentials = new ApiCredentials(UUID.randomUUID().toString(), hash(password));
        Delegation delegation = new Delegation(UUID.randomUUID().toString(), domains, credentials,
                allowFrom.stream().map(CidrRange::text).toList(), clock.instant());
        store.putDelegation(delegation);
        return new Registered(delegation, password);
    }

    /**
     * The delegation of these credentials, if they are right and the request comes from an allowed
     * address; otherwise {@link AcmeDnsError#forbidden()}, saying no more (as acme-dns).
     */
    Delegation authenticate(String username, String password, InetAddress source) {
        if (username == null || password == null) {
            throw AcmeDnsError.forbidden();
        }
        Delegation delegation = store.delegationByUser(username).orElseThrow(AcmeDnsError::forbidden);
        String digest = sha256(password);
        if (!digest.equals(verified.getIfPresent(username))) {
            if (!OpenBSDBCrypt.checkPassword(delegation.credentials().passwordHash(), password.toCharArray())) {
                throw AcmeDnsError.forbidden();
            }
            verified.put(username, digest);
        }
        boolean allowed = delegation.allowFrom().isEmpty()
                || delegation.allowFrom().stream().map(CidrRange::parse).anyMatch(r -> r.contains(source));
        if (!allowed) {
            throw AcmeDnsError.forbidden();
        }
        return delegation;
    }

    /** New password for the same user and label; the old one stops working at once. */
    String rotate(Delegation delegation) {
        String password = newPassword();
        ApiCredentials old = delegation.credentials();
        store.putDelegation(delegation.withCredentials(new ApiCredentials(old.username(), hash(password))));
        verified.invalidate(old.username());
        return password;
    }

    void forget(Delegation delegation) {
        verified.invalidate(delegation.credentials().username());
    }

    Optional<Delegation> byUser(String username) {
        return store.delegationByUser(username);
    }

    private static String newPassword() {
        byte[] bytes = new byte[30];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return OpenBSDBCrypt.generate(password.toCharArray(), salt, BCRYPT_COST);
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
