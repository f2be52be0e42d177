package io.acmegate.gateway.acme.handlers;

import io.acmegate.gateway.acme.AcmeRequests;
import io.acmegate.gateway.acme.AcmeResponses;
import io.acmegate.gateway.acme.ResourceJson;
import io.acmegate.gateway.issuance.OrderService;
import io.acmegate.gateway.model.Account;
import io.acmegate.gateway.model.Order;
import io.acmegate.gateway.store.Store;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** RFC 8555 §7.4: POST-as-GET of an order, with Retry-After while it is processing. */
public final class OrderHandler implements Handler {
    private final AcmeRequests requests;
    private final ResourceJson json;
    private final OrderService orders;
    private final OwnedResources owned;

    public OrderHandler(AcmeRequests requests, ResourceJson json, OrderService orders, Store store) {
        this.requests = requests;
        this.json = json;
        this.orders = orders;
        this.owned = new OwnedResources(store);
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        Account account = requests.verifyPostAsGet(req);
        Order order = orders.current(owned.order(req.path().pathParameters().get("id"), account));
        OrderReplies.send(res, json, order, 200);
    }
}
