package io.acmegate.gateway.acme.handlers;

import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.acme.AcmeRequests;
import io.acmegate.gateway.acme.AcmeResponses;
import io.acmegate.gateway.acme.AcmeUrls;
import io.acmegate.gateway.acme.ResourceJson;
import io.acmegate.gateway.acme.jws.KeyMode;
import io.acmegate.gateway.acme.jws.VerifiedRequest;
import io.acmegate.gateway.issuance.OrderService;
import io.acmegate.gateway.model.Order;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** RFC 8555 §7.4: newOrder. */
public final class NewOrderHandler implements Handler {
    private final AcmeRequests requests;
    private final AcmeUrls urls;
    private final ResourceJson json;
    private final OrderService orders;

    public NewOrderHandler(AcmeRequests requests, AcmeUrls urls, ResourceJson json, OrderService orders) {
        this.requests = requests;
        this.urls = urls;
        this.json = json;
        this.orders = orders;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        VerifiedRequest request = requests.verify(req, KeyMode.KID);
        Order order = orders.newOrder(request.account(), AcmeJson.parseObject(request.payload(), "payload"),
                new Order.Origin(req.remotePeer().host(),
                        req.headers().first(io.helidon.http.HeaderNames.USER_AGENT).orElse(null)));
        AcmeResponses.created(res, 201, urls.order(order.id()), json.order(order));
    }
}
