package io.acmegate.http;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link TokenSource} over a concurrent map, with tokens and key authorizations shaped like a CA's. */
final class Tokens implements TokenSource {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, String> published = new ConcurrentHashMap<>();

    /** A fresh 43-character base64url token (256 bits, RFC 8555 §8.1 asks for at least 128). */
    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Publishes a new token with a key authorization of the RFC 8555 §8.1 shape and returns the token. */
    String publishNew() {
        String token = newToken();
        publish(token, token + "." + newToken());
        return token;
    }

    void publish(String token, String keyAuthorization) {
        published.put(token, keyAuthorization);
    }

    void withdraw(String token) {
        published.remove(token);
    }

    String keyAuthorizationOf(String token) {
        return published.get(token);
    }

    Map<String, String> all() {
        return Map.copyOf(published);
    }

    @Override
    public Optional<String> keyAuthorization(String token) {
        return Optional.ofNullable(published.get(token));
    }
}
