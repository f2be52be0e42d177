package io.acmegate.gateway.acme.handlers;

import io.acmegate.gateway.acme.AcmeRequests;
import io.acmegate.gateway.acme.AcmeResponses;
import io.acmegate.gateway.acme.ResourceJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.acme.jws.KeyMode;
import io.acmegate.gateway.acme.jws.VerifiedRequest;
import io.acmegate.gateway.acme.problem.Problems;
import io.acmegate.gateway.authz.ChallengeValidations;
import io.acmegate.gateway.model.Account;
import io.acmegate.gateway.model.Authorization;
import io.acmegate.gateway.store.Store;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;

/** RFC 8555 §7.5: POST-as-GET of an authorization; §7.5.2: {@code {"status":"deactivated"}} gives it up. */
public final class AuthorizationHandler implements Handler {
    private final AcmeRequests requests;
    private final ResourceJson json;
    private final OwnedResources owned;
    private final ChallengeValidations validations;
    private final Clock clock;

    public AuthorizationHandler(AcmeRequests requests, ResourceJson json, Store store,
                                ChallengeValidations validations, Clock clock) {
        this.requests = requests;
        this.json = json;
        this.owned = new OwnedResources(store);
        this.validations = validations;
        this.clock = clock;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        VerifiedRequest request = requests.verify(req, KeyMode.KID);
        Account account = request.account();
        Authorization authz = owned.authorization(req.path().pathParameters().get("id"), account);
        if (request.postAsGet()) {
            authz = validations.resumeIfStalled(account, authz);
        } else {
            ObjectNode payload = AcmeJson.parseObject(request.payload(), "authorization update");
            // Only "status" counts, as with Boulder and Pebble: lego sends its whole authorization struct.
            if (!"deactivated".equals(payload.path("status").asText(null))) {
                throw Problems.malformed("an authorization can only be updated with {\"status\":\"deactivated\"}");
            }
            authz = validations.deactivate(authz);
        }
        AcmeResponses.json(res, 200, json.authorization(authz, clock.instant()));
    }
}
