package io.acmegate.gateway.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the secrets acmegate keeps in its store (upstream account keys, EAB HMAC keys of upstream
 * CAs, DNS provider credentials) with AES-256-GCM under a key supplied from outside the data directory
 * (DESIGN: a copy of the data directory alone does not give the secrets away). Thread-safe.
 */
public final class SecretBox {
    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private SecretBox(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the secret key must be 32 bytes (base64 of 32 random bytes), not "
                    + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** A key in base64, as ACMEGATE_SECRET_KEY or a key file holds it. */
    public static SecretBox fromBase64(String base64) {
        try {
            return new SecretBox(Base64.getDecoder().decode(base64.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the secret key is not valid base64 of 32 bytes: " + e.getMessage());
        }
    }

    public static SecretBox fromFile(Path file) {
        try {
            return fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read the secret key file " + file + ": " + e.getMessage());
        }
    }

    /** A new random key in base64, for `acmegate secret-key`. */
    public static String newKeyBase64() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** nonce ‖ ciphertext ‖ tag; {@code context} is bound as associated data so a box cannot be moved. */
    public byte[] seal(byte[] plaintext, String context) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** @throws IllegalStateException when the box was sealed under another key or altered */
    public byte[] open(byte[] box, String context) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, box, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(box, NONCE_BYTES, box.length - NONCE_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored secret (" + context + ") cannot be decrypted: the secret key"
                    + " is not the one it was stored with, or the store was altered");
        }
    }
}
