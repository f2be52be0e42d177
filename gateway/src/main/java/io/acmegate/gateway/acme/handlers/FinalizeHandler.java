package io.acmegate.gateway.acme.handlers;

import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.acme.AcmeRequests;
import io.acmegate.gateway.acme.AcmeUrls;
import io.acmegate.gateway.acme.ResourceJson;
import io.acmegate.gateway.acme.jws.KeyMode;
import io.acmegate.gateway.acme.jws.VerifiedRequest;
import io.acmegate.gateway.issuance.OrderService;
import io.acmegate.gateway.model.Order;
import io.acmegate.gateway.store.Store;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** RFC 8555 §7.4: finalize an order with a CSR. */
public final class FinalizeHandler implements Handler {
    private final AcmeRequests requests;
    private final AcmeUrls urls;
    private final ResourceJson json;
    private final OrderService orders;
    private final OwnedResources owned;

    public FinalizeHandler(AcmeRequests requests, AcmeUrls urls, ResourceJson json, OrderService orders,
                           Store store) {
        this.requests = requests;
        this.urls = urls;
        this.json = json;
        this.orders = orders;
        this.owned = new OwnedResources(store);
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        VerifiedRequest request = requests.verify(req, KeyMode.KID);
        Order order = owned.order(req.path().pathParameters().get("id"), request.account());
        Order finalized = orders.finalizeOrder(order, AcmeJson.parseObject(request.payload(), "payload"));
        res.header(HeaderNames.LOCATION, urls.order(finalized.id()));
        OrderReplies.send(res, json, finalized, 200);
    }
}
