package io.acmegate.gateway.acme.handlers;

import io.acmegate.gateway.acme.AcmeRequests;
import io.acmegate.gateway.acme.AcmeResponses;
import io.acmegate.gateway.acme.ResourceJson;
import io.acmegate.gateway.model.Account;
import io.acmegate.gateway.model.Authorization;
import io.acmegate.gateway.store.Store;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;

/** RFC 8555 §7.5: POST-as-GET of an authorization. */
public final class AuthorizationHandler implements Handler {
    private final AcmeRequests requests;
    private final ResourceJson json;
    private final OwnedResources owned;
    private final Clock clock;

    public AuthorizationHandler(AcmeRequests requests, ResourceJson json, Store store, Clock clock) {
        this.requests = requests;
        this.json = json;
        this.owned = new OwnedResources(store);
        this.clock = clock;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        Account account = requests.verifyPostAsGet(req);
        Authorization authz = owned.authorization(req.path().pathParameters().get("id"), account);
        AcmeResponses.json(res, 200, json.authorization(authz, clock.instant()));
    }
}
