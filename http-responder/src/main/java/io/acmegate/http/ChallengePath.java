package io.acmegate.http;

import java.util.Optional;

/** Finds the token in a request target of the form {@code /.well-known/acme-challenge/{token}} (RFC 8555 §8.3). */
final class ChallengePath {

    static final String PREFIX = "/.well-known/acme-challenge/";

    /** Tokens carry at least 128 bits of entropy (RFC 8555 §8.1); CAs send 43 characters. A bound keeps look-ups cheap. */
    static final int MAX_TOKEN_LENGTH = 256;

    private ChallengePath() {
    }

    /**
     * The token named by a request target, or empty when the target is not exactly the challenge path followed by
     * a base64url token (RFC 8555 §8.1: {@code [A-Za-z0-9_-]}, no padding). The query is ignored; percent-encoding
     * is not decoded, so {@code %2e%2e} or {@code a.b} never name a token.
     */
    static Optional<String> token(String requestTarget) {
        String path = stripAbsoluteForm(stripQuery(requestTarget));
        if (!path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String token = path.substring(PREFIX.length());
        return isBase64UrlToken(token) ? Optional.of(token) : Optional.empty();
    }

    static boolean isBase64UrlToken(String token) {
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            if (!isBase64UrlChar(token.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBase64UrlChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    /** RFC 9112 §3.2.2: a server must accept the absolute form {@code http://host/path}; the host is ignored. */
    private static String stripAbsoluteForm(String target) {
        if (target.startsWith("/")) {
            return target;
        }
        int scheme = target.indexOf("://");
        if (scheme <= 0) {
            return target;
        }
        int pathStart = target.indexOf('/', scheme + 3);
        return pathStart < 0 ? "/" : target.substring(pathStart);
    }

    private static String stripQuery(String target) {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }
}
