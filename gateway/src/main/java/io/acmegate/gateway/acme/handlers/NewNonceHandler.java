package io.acmegate.gateway.acme.handlers;

import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * RFC 8555 §7.2: HEAD answers 200 and GET 204, both with an empty body. The Replay-Nonce header
 * itself is added to every response by {@link io.acmegate.gateway.acme.AcmeHeadersFilter}.
 */
public final class NewNonceHandler implements Handler {
    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        res.status(req.prologue().method() == Method.HEAD ? Status.OK_200 : Status.NO_CONTENT_204);
        res.send();
    }
}
