package io.acmegate.gateway.acme.handlers;

import io.acmegate.gateway.acme.AcmeResponses;
import io.acmegate.gateway.acme.ResourceJson;
import io.acmegate.gateway.model.Order;
import io.acmegate.gateway.model.OrderStatus;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;

/** An order in a response: the same for the order URL and for finalize. */
final class OrderReplies {
    /**
     * Two seconds, not one: acme4j counts Retry-After from the response's Date header, which has whole
     * seconds, so "1" can name a moment already past and acme4j 4.0 then fails on a negative sleep.
     */
    static final String RETRY_AFTER_SECONDS = "2";

    private OrderReplies() {
    }

    static void send(ServerResponse res, ResourceJson json, Order order, int status) {
        // RFC 8555 §7.4: "processing" tells the client to poll, Retry-After says when.
        if (order.status() == OrderStatus.PROCESSING || order.status() == OrderStatus.PENDING) {
            res.header(HeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        AcmeResponses.json(res, status, json.order(order));
    }
}
