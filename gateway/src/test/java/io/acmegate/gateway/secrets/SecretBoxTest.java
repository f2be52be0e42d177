package io.acmegate.gateway.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
    @Test
    void sealedSecretsOpenOnlyWithTheSameKeyAndContext() {
        SecretBox box = SecretBox.fromBase64(SecretBox.newKeyBase64());
        byte[] secret = "account key".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = box.seal(secret, "upstream-account-key:a");
        assertArrayEquals(secret, box.open(sealed, "upstream-account-key:a"));
        assertThrows(IllegalStateException.class, () -> box.open(sealed, "upstream-account-key:b"));
        assertThrows(IllegalStateException.class,
                () -> SecretBox.fromBase64(SecretBox.newKeyBase64()).open(sealed, "upstream-account-key:a"));
        sealed[sealed.length - 1] ^= 1;
        assertThrows(IllegalStateException.class, () -> box.open(sealed, "upstream-account-key:a"));
    }

    @Test
    void keysMustBe32Bytes() {
        assertThrows(IllegalArgumentException.class, () -> SecretBox.fromBase64("c2hvcnQ="));
        assertThrows(IllegalArgumentException.class, () -> SecretBox.fromBase64("not base64!"));
    }
}
