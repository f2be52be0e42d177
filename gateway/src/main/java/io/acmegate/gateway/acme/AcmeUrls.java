package io.acmegate.gateway.acme;

import java.util.Optional;

/**
 * Every URL of the ACME server, built from one base. Clients sign the URL they post to (RFC 8555
 * §6.4), so the server compares against these exact strings rather than rebuilding them from the
 * request's Host header.
 */
public final class AcmeUrls {
    public static final String PREFIX = "/acme";

    private final String base;

    /** @param base scheme://host:port of the ACME server as clients reach it, without a trailing slash */
    public AcmeUrls(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public String base() {
        return base;
    }

    /** The absolute URL of a path on this server (the path starts with "/"). */
    public String absolute(String path) {
        return base + path;
    }

    public String directory() {
        return base + PREFIX + "/directory";
    }

    public String newNonce() {
        return base + PREFIX + "/new-nonce";
    }

    public String newAccount() {
        return base + PREFIX + "/new-account";
    }

    public String newOrder() {
        return base + PREFIX + "/new-order";
    }

    public String revokeCert() {
        return base + PREFIX + "/revoke-cert";
    }

    /** A challenge of an authorization (RFC 8555 §7.5.1): one URL per challenge type. */
    public String challenge(String authorizationId, String type) {
        return base + PREFIX + "/chall/" + authorizationId + "/" + type;
    }

    public String keyChange() {
        return base + PREFIX + "/key-change";
    }

    /** RFC 9773 §4: the base URL to which a client appends a certificate identifier. */
    public String renewalInfo() {
        return base + PREFIX + "/renewal-info";
    }

    public String account(String id) {
        return base + PREFIX + "/acct/" + id;
    }

    public String orders(String accountId) {
        return base + PREFIX + "/acct/" + accountId + "/orders";
    }

    public String order(String id) {
        return base + PREFIX + "/order/" + id;
    }

    public String finalizeOrder(String orderId) {
        return base + PREFIX + "/order/" + orderId + "/finalize";
    }

    public String authorization(String id) {
        return base + PREFIX + "/authz/" + id;
    }

    public String certificate(String id) {
        return base + PREFIX + "/cert/" + id;
    }

    /** The account id in a {@code kid} (RFC 8555 §6.2: the kid is the account URL), if it is one of ours. */
    public Optional<String> accountIdOf(String kid) {
        String prefix = base + PREFIX + "/acct/";
        if (kid == null || !kid.startsWith(prefix)) {
            return Optional.empty();
        }
        String id = kid.substring(prefix.length());
        return id.isEmpty() || id.contains("/") ? Optional.empty() : Optional.of(id);
    }
}
