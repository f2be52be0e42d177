package io.acmegate.gateway.acme.handlers;

import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.acme.AcmeRequests;
import io.acmegate.gateway.acme.AcmeResponses;
import io.acmegate.gateway.acme.AcmeUrls;
import io.acmegate.gateway.acme.ResourceJson;
import io.acmegate.gateway.acme.jws.JwsVerifier;
import io.acmegate.gateway.acme.jws.KeyMode;
import io.acmegate.gateway.acme.jws.VerifiedRequest;
import io.acmegate.gateway.model.Account;
import io.acmegate.gateway.registration.AccountService;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * RFC 8555 §7.3.5 account key rollover: the outer JWS is signed by the account's current key ("kid"), its payload
 * is an inner JWS signed by the new key ("jwk") naming the account and the old key.
 */
public final class KeyChangeHandler implements Handler {
    private final AcmeRequests requests;
    private final JwsVerifier verifier;
    private final AcmeUrls urls;
    private final ResourceJson json;
    private final AccountService accounts;

    public KeyChangeHandler(AcmeRequests requests, JwsVerifier verifier, AcmeUrls urls, ResourceJson json,
                            AccountService accounts) {
        this.requests = requests;
        this.verifier = verifier;
        this.urls = urls;
        this.json = json;
        this.accounts = accounts;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        VerifiedRequest outer = requests.verify(req, KeyMode.KID);
        VerifiedRequest inner = verifier.verifyKeyChangeInner(
                AcmeJson.parseObject(outer.payload(), "keyChange payload"), outer.url());
        Account changed = accounts.changeKey(outer.account(), inner, urls.account(outer.account().id()),
                urls::account);
        AcmeResponses.json(res, 200, json.account(changed));
    }
}
