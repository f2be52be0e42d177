package io.acmegate.gateway.registration;

import io.acmegate.gateway.model.EabKey;
import io.acmegate.gateway.store.Store;
import io.acmegate.policy.NamePattern;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

/**
 * Creates External Account Binding keys (RFC 8555 §7.3.4) for trusted clients. The HMAC key is shown
 * once, at creation; the names are the policy's patterns and are checked here, before anything is stored.
 */
public final class EabKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Store store;
    private final Clock clock;

    public EabKeys(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * @param names name patterns ("api.example.com", "*.example.com")
     * @throws IllegalArgumentException naming the first bad pattern, or if there is none
     */
    public EabKey create(List<String> names, String label) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("an EAB key needs at least one name (--names)");
        }
        List<String> patterns = names.stream().map(n -> NamePattern.parse(n.trim()).toString()).toList();
        byte[] keyId = new byte[12];
        byte[] hmac = new byte[32];
        RANDOM.nextBytes(keyId);
        RANDOM.nextBytes(hmac);
        EabKey key = new EabKey("kid-" + BASE64URL.encodeToString(keyId), hmac, patterns,
                label == null ? "" : label, clock.instant());
        store.createEabKey(key);
        return key;
    }

    /** The HMAC key as clients take it (certbot --eab-hmac-key, lego --hmac): base64url, no padding. */
    public static String encodedHmac(EabKey key) {
        return BASE64URL.encodeToString(key.hmacKey());
    }
}
