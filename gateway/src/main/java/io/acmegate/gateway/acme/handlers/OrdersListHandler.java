package io.acmegate.gateway.acme.handlers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.acme.AcmeRequests;
import io.acmegate.gateway.acme.AcmeResponses;
import io.acmegate.gateway.acme.AcmeUrls;
import io.acmegate.gateway.model.Account;
import io.helidon.http.HeaderNames;
import io.acmegate.gateway.store.Store;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * RFC 8555 §7.1.2.1: the orders an account created, oldest first, a page at a time; a further page is linked with
 * {@code Link: <...?cursor=...>;rel="next"}.
 */
public final class OrdersListHandler implements Handler {
    private final AcmeRequests requests;
    private final AcmeUrls urls;
    private final Store store;
    private final int pageSize;

    public OrdersListHandler(AcmeRequests requests, AcmeUrls urls, Store store, int pageSize) {
        this.requests = requests;
        this.urls = urls;
        this.store = store;
        this.pageSize = pageSize;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        Account account = requests.verifyPostAsGet(req);
        OwnedResources.requireSelf(account, req.path().pathParameters().get("id"));
        String cursor = req.query().first("cursor").orElse(null);
        Store.OrderPage page = store.orderPage(account.id(), cursor, pageSize);
        ObjectNode body = AcmeJson.object();
        ArrayNode list = body.putArray("orders");
        page.orderIds().forEach(id -> list.add(urls.order(id)));
        if (page.next() != null) {
            res.header(HeaderNames.create("Link"), "<" + urls.orders(account.id()) + "?cursor=" + page.next()
                    + ">;rel=\"next\"");
        }
        AcmeResponses.json(res, 200, body);
    }
}
