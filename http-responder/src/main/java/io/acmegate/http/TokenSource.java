package io.acmegate.http;

import java.util.Optional;

/**
 * The key authorizations the responder may serve, by token (RFC 8555 §8.3). The gateway implements it over its
 * challenge board; the responder knows nothing of orders or accounts.
 *
 * <p>Called on a network event loop thread once per request: implementations must be thread-safe, must not block
 * (in-memory look-up only) and should not throw. A token published here is served from the next request on.
 */
@FunctionalInterface
public interface TokenSource {

    /**
     * The key authorization published for this token, if any.
     *
     * @param token an RFC 8555 §8.1 base64url token ({@code [A-Za-z0-9_-]+}), never null
     * @return the key authorization ({@code token "." base64url(JWK thumbprint)}), or empty when none is published
     */
    Optional<String> keyAuthorization(String token);
}
