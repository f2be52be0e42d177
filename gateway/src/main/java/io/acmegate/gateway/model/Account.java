package io.acmegate.gateway.model;

import java.time.Instant;
import java.util.List;

/**
 * A downstream ACME account (RFC 8555 §7.1.2).
 *
 * @param keyThumbprint RFC 7638 SHA-256 thumbprint of the account key: the index for "is this key
 *                      already registered" (§7.3.1)
 * @param jwk           the account public key as a JWK JSON object
 * @param eabKeyId      the External Account Binding key the account was registered with, or null
 */
public record Account(String id, String keyThumbprint, String jwk, List<String> contact,
                      AccountStatus status, String eabKeyId, Instant createdAt) {
    public Account {
        contact = List.copyOf(contact);
    }

    public Account withContact(List<String> newContact) {
        return new Account(id, keyThumbprint, jwk, newContact, status, eabKeyId, createdAt);
    }

    public Account withKey(String newThumbprint, String newJwk) {
        return new Account(id, newThumbprint, newJwk, contact, status, eabKeyId, createdAt);
    }

    public Account withStatus(AccountStatus newStatus) {
        return new Account(id, keyThumbprint, jwk, contact, newStatus, eabKeyId, createdAt);
    }
}
