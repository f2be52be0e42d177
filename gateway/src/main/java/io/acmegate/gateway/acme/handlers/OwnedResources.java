package io.acmegate.gateway.acme.handlers;

import io.acmegate.gateway.acme.problem.Problems;
import io.acmegate.gateway.model.Account;
import io.acmegate.gateway.model.Authorization;
import io.acmegate.gateway.model.IssuedCertificate;
import io.acmegate.gateway.model.Order;
import io.acmegate.gateway.store.Store;

/**
 * Looks up a resource named in a URL on behalf of an account: unknown is 404, another account's is
 * {@code unauthorized} (the Pebble behaviour; the client learns nothing about it either way).
 */
final class OwnedResources {
    private final Store store;

    OwnedResources(Store store) {
        this.store = store;
    }

    Order order(String id, Account account) {
        Order order = store.order(id).orElseThrow(() -> Problems.notFound("no such order"));
        requireOwner(order.accountId(), account, "order");
        return order;
    }

    Authorization authorization(String id, Account account) {
        Authorization authz = store.authorization(id).orElseThrow(() -> Problems.notFound("no such authorization"));
        requireOwner(authz.accountId(), account, "authorization");
        return authz;
    }

    IssuedCertificate certificate(String id, Account account) {
        IssuedCertificate cert = store.certificate(id).orElseThrow(() -> Problems.notFound("no such certificate"));
        requireOwner(cert.accountId(), account, "certificate");
        return cert;
    }

    /** The account's own URL or sub-resource: only the account itself may use it. */
    static void requireSelf(Account account, String accountIdInUrl) {
        if (!account.id().equals(accountIdInUrl)) {
            throw Problems.unauthorized("an account can only read or change itself");
        }
    }

    private static void requireOwner(String ownerId, Account account, String what) {
        if (!ownerId.equals(account.id())) {
            throw Problems.unauthorized("this " + what + " belongs to another account");
        }
    }
}
