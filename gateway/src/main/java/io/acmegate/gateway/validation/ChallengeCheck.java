package io.acmegate.gateway.validation;

/**
 * The check of one challenge type, as a CA's validation authority performs it. Implementations are
 * thread-safe and keep no state between calls; a call blocks for the network round trips (each attempt bounded
 * by {@link ValidationSettings#timeout()}).
 */
public interface ChallengeCheck {

    /** The challenge type this checks: "http-01", "dns-01" or "tls-alpn-01". */
    String type();

    /**
     * Returns normally when the challenge is met.
     *
     * @param identifierType   "dns" or "ip" (RFC 8738)
     * @param identifierValue  the DNS name (never a wildcard: the caller strips "*.") or the IP address text
     * @param token            the challenge token (base64url, RFC 8555 §8.1)
     * @param keyAuthorization token "." base64url(JWK thumbprint) (RFC 8555 §8.1)
     * @throws ValidationFailure when it is not met, saying why; "malformed" when the identifier does not suit
     *                           this challenge type
     */
    void check(String identifierType, String identifierValue, String token, String keyAuthorization)
            throws ValidationFailure;
}
