package io.acmegate.gateway.acme.jws;

/**
 * Which key reference a resource accepts in the JWS protected header (RFC 8555 §6.2): the account
 * URL in "kid" for requests by an existing account, an embedded "jwk" for newAccount (§7.3) and
 * for revokeCert signed with the certificate's key (§7.6), either for revokeCert.
 */
public enum KeyMode {
    JWK, KID, JWK_OR_KID;

    boolean allowsJwk() {
        return this != KID;
    }

    boolean allowsKid() {
        return this != JWK;
    }
}
