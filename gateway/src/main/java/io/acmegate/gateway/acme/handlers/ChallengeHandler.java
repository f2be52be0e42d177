package io.acmegate.gateway.acme.handlers;

import io.acmegate.gateway.acme.AcmeRequests;
import io.acmegate.gateway.acme.AcmeResponses;
import io.acmegate.gateway.acme.AcmeUrls;
import io.acmegate.gateway.acme.ResourceJson;
import io.acmegate.gateway.acme.jws.KeyMode;
import io.acmegate.gateway.acme.jws.VerifiedRequest;
import io.acmegate.gateway.acme.problem.Problems;
import io.acmegate.gateway.authz.ChallengeValidations;
import io.acmegate.gateway.model.Authorization;
import io.acmegate.gateway.store.Store;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * RFC 8555 §7.5.1: POST with a JSON object payload ({@code {}}) tells the server the challenge is ready to be
 * validated; POST-as-GET fetches it. Either answers the challenge with {@code Link: rel="up"} to its authorization.
 */
public final class ChallengeHandler implements Handler {
    private final AcmeRequests requests;
    private final AcmeUrls urls;
    private final ResourceJson json;
    private final OwnedResources owned;
    private final ChallengeValidations validations;

    public ChallengeHandler(AcmeRequests requests, AcmeUrls urls, ResourceJson json, Store store,
                            ChallengeValidations validations) {
        this.requests = requests;
        this.urls = urls;
        this.json = json;
        this.owned = new OwnedResources(store);
        this.validations = validations;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        VerifiedRequest request = requests.verify(req, KeyMode.KID);
        Authorization authz = owned.authorization(req.path().pathParameters().get("id"), request.account());
        String type = req.path().pathParameters().get("type");
        if (authz.challenge(type).isEmpty()) {
            throw Problems.notFound("this authorization has no " + type + " challenge");
        }
        if (request.postAsGet()) {
            authz = validations.resumeIfStalled(request.account(), authz);
        } else {
            io.acmegate.gateway.acme.AcmeJson.parseObject(request.payload(), "challenge response");
            authz = validations.respond(request.account(), authz, type);
        }
        res.header(HeaderNames.create("Link"), "<" + urls.authorization(authz.id()) + ">;rel=\"up\"");
        AcmeResponses.json(res, 200, json.challenge(authz, authz.challenge(type).orElseThrow()));
    }
}
