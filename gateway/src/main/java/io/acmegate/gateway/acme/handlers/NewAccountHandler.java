package io.acmegate.gateway.acme.handlers;

import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.acme.AcmeRequests;
import io.acmegate.gateway.acme.AcmeResponses;
import io.acmegate.gateway.acme.AcmeUrls;
import io.acmegate.gateway.acme.ResourceJson;
import io.acmegate.gateway.acme.jws.KeyMode;
import io.acmegate.gateway.acme.jws.VerifiedRequest;
import io.acmegate.gateway.registration.AccountService;
import io.acmegate.gateway.registration.NewAccountResult;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** RFC 8555 §7.3: newAccount, signed with the new account's own key (jwk). */
public final class NewAccountHandler implements Handler {
    private final AcmeRequests requests;
    private final AcmeUrls urls;
    private final ResourceJson json;
    private final AccountService accounts;

    public NewAccountHandler(AcmeRequests requests, AcmeUrls urls, ResourceJson json, AccountService accounts) {
        this.requests = requests;
        this.urls = urls;
        this.json = json;
        this.accounts = accounts;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        VerifiedRequest request = requests.verify(req, KeyMode.JWK);
        NewAccountResult result = accounts.register(request, AcmeJson.parseObject(request.payload(), "payload"),
                urls.newAccount());
        AcmeResponses.created(res, result.created() ? 201 : 200, urls.account(result.account().id()),
                json.account(result.account()));
    }
}
