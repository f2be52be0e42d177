package io.acmegate.gateway.acme.handlers;

import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.acme.AcmeRequests;
import io.acmegate.gateway.acme.AcmeResponses;
import io.acmegate.gateway.acme.ResourceJson;
import io.acmegate.gateway.acme.jws.KeyMode;
import io.acmegate.gateway.acme.jws.VerifiedRequest;
import io.acmegate.gateway.model.Account;
import io.acmegate.gateway.registration.AccountService;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** RFC 8555 §7.3.2 and §7.3.3: the account URL; POST-as-GET reads it, a payload updates it. */
public final class AccountHandler implements Handler {
    private final AcmeRequests requests;
    private final ResourceJson json;
    private final AccountService accounts;

    public AccountHandler(AcmeRequests requests, ResourceJson json, AccountService accounts) {
        this.requests = requests;
        this.json = json;
        this.accounts = accounts;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        VerifiedRequest request = requests.verify(req, KeyMode.KID);
        Account account = request.account();
        OwnedResources.requireSelf(account, req.path().pathParameters().get("id"));
        if (!request.postAsGet()) {
            account = accounts.update(account, AcmeJson.parseObject(request.payload(), "payload"));
        }
        AcmeResponses.json(res, 200, json.account(account));
    }
}
