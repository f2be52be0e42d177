package io.acmegate.gateway.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.acme.AcmeErrorHandlers;
import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.acme.problem.Problems;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The admin API: {@code POST /admin/<operation>} runs one of the {@link AdminOperations} with the JSON
 * body. Every request needs the bearer token; errors are problem documents like the ACME server's.
 */
public final class AdminService {
    public static final String PREFIX = "/admin";

    private final BearerToken token;
    private final AdminOperations operations;

    public AdminService(BearerToken token, AdminOperations operations) {
        this.token = token;
        this.operations = operations;
    }

    public void routing(HttpRouting.Builder routing) {
        routing.addFilter((chain, req, res) -> {
            if (req.path().path().startsWith(PREFIX + "/")
                    && !token.matchesAuthorization(req.headers().first(HeaderNames.AUTHORIZATION).orElse(null))) {
                res.status(Status.UNAUTHORIZED_401);
                res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
                res.send();
                return;
            }
            chain.proceed();
        });
        AcmeErrorHandlers.register(routing);
        routing.post(PREFIX + "/*", this::run);
    }

    private void run(ServerRequest req, ServerResponse res) {
        String operation = req.path().path().substring(PREFIX.length() + 1);
        if (!operations.has(operation)) {
            throw Problems.notFound("no admin operation " + operation);
        }
        ObjectNode body = AcmeJson.parseObject(req.content().as(byte[].class), "body");
        ObjectNode result;
        try {
            result = operations.run(operation, body);
        } catch (IllegalArgumentException e) {
            throw Problems.malformed(e.getMessage());
        }
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(AcmeJson.write(result));
    }
}
