package io.acmegate.gateway.acme.handlers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.acme.AcmeRequests;
import io.acmegate.gateway.acme.AcmeResponses;
import io.acmegate.gateway.acme.AcmeUrls;
import io.acmegate.gateway.model.Account;
import io.acmegate.gateway.model.Order;
import io.acmegate.gateway.store.Store;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** RFC 8555 §7.1.2.1: the orders an account created, oldest first. Not paginated yet. */
public final class OrdersListHandler implements Handler {
    private final AcmeRequests requests;
    private final AcmeUrls urls;
    private final Store store;

    public OrdersListHandler(AcmeRequests requests, AcmeUrls urls, Store store) {
        this.requests = requests;
        this.urls = urls;
        this.store = store;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        Account account = requests.verifyPostAsGet(req);
        OwnedResources.requireSelf(account, req.path().pathParameters().get("id"));
        ObjectNode body = AcmeJson.object();
        ArrayNode list = body.putArray("orders");
        for (Order order : store.ordersOf(account.id())) {
            list.add(urls.order(order.id()));
        }
        AcmeResponses.json(res, 200, body);
    }
}
