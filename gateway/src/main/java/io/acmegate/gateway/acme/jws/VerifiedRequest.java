package io.acmegate.gateway.acme.jws;

import io.acmegate.gateway.model.Account;
import java.util.Objects;
import org.jose4j.jwk.PublicJsonWebKey;

/**
 * A request whose JWS signature, URL and nonce have been checked (RFC 8555 §6.2–§6.5).
 *
 * @param url        the "url" of the protected header, equal to the URL the client posted to
 * @param payload    the decoded payload; empty for POST-as-GET
 * @param jwk        the key that signed the request: the embedded jwk, or the account's key for kid
 * @param thumbprint RFC 7638 SHA-256 thumbprint of {@code jwk}, base64url
 * @param account    the account named by "kid", or null when the request carried an embedded jwk
 */
public record VerifiedRequest(String url, byte[] payload, PublicJsonWebKey jwk, String thumbprint, Account account) {

    public VerifiedRequest {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(jwk, "jwk");
        Objects.requireNonNull(thumbprint, "thumbprint");
    }

    /** RFC 8555 §6.3: a POST-as-GET request has the empty string as its payload. */
    public boolean postAsGet() {
        return payload.length == 0;
    }
}
