package io.acmegate.gateway.registration;

import io.acmegate.gateway.model.EabKey;
import io.acmegate.gateway.secrets.SecretBox;
import io.acmegate.gateway.store.Store;
import io.acmegate.policy.NamePattern;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Creates External Account Binding keys (RFC 8555 §7.3.4) for trusted clients and finds them again for
 * verification. The HMAC key is shown once, at creation; it is stored sealed by the secret box when one
 * is configured (DESIGN: secrets at rest), else as it is. The names are the policy's patterns and are
 * checked here, before anything is stored.
 */
public final class EabKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Store store;
    private final SecretBox secrets;
    private final Clock clock;

    /** @param secrets the secret box, or null when none is configured */
    public EabKeys(Store store, SecretBox secrets, Clock clock) {
        this.store = store;
        this.secrets = secrets;
        this.clock = clock;
    }

    /**
     * The key with its HMAC key in the clear, for verifying a binding.
     *
     * @throws IllegalStateException when the key is sealed and no (or another) secret key is configured
     */
    public Optional<EabKey> find(String keyId) {
        return store.eabKey(keyId).map(key -> {
            if (!key.sealed()) {
                return key;
            }
            if (secrets == null) {
                throw new IllegalStateException("EAB key " + keyId + " is sealed; start acmegate with its secret key");
            }
            return key.withHmacKey(secrets.open(key.hmacKey(), context(keyId)), false);
        });
    }

    private static String context(String keyId) {
        return "eab-hmac-key:" + keyId;
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
        RANDOM.nextBytes(keyId);
        byte[] hmac = newHmacKey();
        EabKey key = new EabKey("kid-" + BASE64URL.encodeToString(keyId), hmac, patterns,
                label == null ? "" : label, clock.instant(), false);
        store.createEabKey(secrets == null ? key : key.withHmacKey(secrets.seal(hmac, context(key.keyId())), true));
        return key;
    }

    /**
     * 256 random bits whose base64url text does not start with '-': certbot and lego would take
     * {@code --eab-hmac-key -x...} for a missing value and another option (seen in CI, one key in 64).
     */
    static byte[] newHmacKey() {
        byte[] hmac = new byte[32];
        do {
            RANDOM.nextBytes(hmac);
        } while ((hmac[0] & 0xFC) == 0xF8); // the first base64url digit is the top six bits; 62 is '-'
        return hmac;
    }

    /** The HMAC key as clients take it (certbot --eab-hmac-key, lego --hmac): base64url, no padding. */
    public static String encodedHmac(EabKey key) {
        return BASE64URL.encodeToString(key.hmacKey());
    }
}
