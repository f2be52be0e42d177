package io.acmegate.gateway.registration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmegate.gateway.model.EabKey;
import io.acmegate.gateway.secrets.SecretBox;
import io.acmegate.gateway.store.MapDbStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DESIGN: EAB HMAC keys are secrets; with a secret key configured they are stored sealed. */
class EabKeysTest {
    @TempDir
    Path dir;

    @Test
    void withASecretKeyTheHmacIsStoredSealedAndFoundInTheClear() {
        SecretBox box = SecretBox.fromBase64(SecretBox.newKeyBase64());
        try (MapDbStore store = MapDbStore.open(dir.resolve("s.mapdb"))) {
            EabKey created = new EabKeys(store, box, Clock.systemUTC()).create(List.of("*.example.com"), "ops");
            EabKey stored = store.eabKey(created.keyId()).orElseThrow();
            assertTrue(stored.sealed());
            assertFalse(Arrays.equals(created.hmacKey(), stored.hmacKey()), "the store never holds the key in the clear");
            assertArrayEquals(created.hmacKey(),
                    new EabKeys(store, box, Clock.systemUTC()).find(created.keyId()).orElseThrow().hmacKey());
            assertThrows(IllegalStateException.class,
                    () -> new EabKeys(store, null, Clock.systemUTC()).find(created.keyId()));
        }
    }

    @Test
    void withoutASecretKeyTheHmacIsStoredAsItIs() {
        try (MapDbStore store = MapDbStore.open(dir.resolve("s.mapdb"))) {
            EabKey created = new EabKeys(store, null, Clock.systemUTC()).create(List.of("api.example.com"), "");
            assertFalse(store.eabKey(created.keyId()).orElseThrow().sealed());
            assertArrayEquals(created.hmacKey(),
                    new EabKeys(store, null, Clock.systemUTC()).find(created.keyId()).orElseThrow().hmacKey());
        }
    }

    /** certbot and lego read "--eab-hmac-key -x..." as an option with its value missing. */
    @Test
    void noHmacKeyTextStartsWithADash() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 5_000; i++) { // a key in 64 would, unchecked: all 5,000 passing by chance is ~1e-34
            String text = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(EabKeys.newHmacKey());
            assertFalse(text.startsWith("-"), text);
            seen.add(text.substring(0, 1));
        }
        assertTrue(seen.size() > 50, "the first digit still takes (almost) every value: " + seen);
    }
}
