package io.acmegate.gateway.validation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;

/** The values that challenges derive from a key authorization. */
final class KeyAuthorizations {
    private KeyAuthorizations() {
    }

    /** SHA-256 of the key authorization's (ASCII) octets. */
    static byte[] sha256(String keyAuthorization) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(keyAuthorization.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** RFC 8555 §8.4: the TXT value is base64url(SHA-256(key authorization)) without padding. */
    static String txtValue(String keyAuthorization) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(keyAuthorization));
    }

    /**
     * RFC 8737 §3: the acmeIdentifier extension's extnValue is {@code Authorization ::= OCTET STRING (SIZE (32))}
     * holding SHA-256 of the key authorization, DER encoded.
     */
    static byte[] acmeIdentifierValue(String keyAuthorization) {
        try {
            return new DEROctetString(sha256(keyAuthorization)).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 8555 §8.1: a token holds only base64url characters (so it is safe in a URL path). */
    static boolean isToken(String token) {
        return token != null && !token.isEmpty() && token.chars().allMatch(KeyAuthorizations::isBase64Url);
    }

    private static boolean isBase64Url(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }
}
