package io.acmegate.gateway.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.acme.problem.Problems;
import io.acmegate.gateway.model.EabKey;
import io.acmegate.gateway.registration.EabKeys;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin API, for the command line and operators: {@code POST /admin/eab-keys} creates an EAB key.
 * Every request needs the bearer token; errors are problem documents like the ACME server's.
 */
public final class AdminService {
    public static final String PREFIX = "/admin";

    private final AdminToken token;
    private final EabKeys eabKeys;

    public AdminService(AdminToken token, EabKeys eabKeys) {
        this.token = token;
        this.eabKeys = eabKeys;
    }

    public void routing(HttpRouting.Builder routing) {
        routing.addFilter((chain, req, res) -> {
            if (!token.matchesAuthorization(req.headers().first(HeaderNames.AUTHORIZATION).orElse(null))) {
                res.status(Status.UNAUTHORIZED_401);
                res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
                res.send();
                return;
            }
            chain.proceed();
        });
        io.acmegate.gateway.acme.AcmeErrorHandlers.register(routing);
        routing.post(PREFIX + "/eab-keys", this::createEabKey);
    }

    private void createEabKey(ServerRequest req, ServerResponse res) {
        ObjectNode body = AcmeJson.parseObject(req.content().as(byte[].class), "body");
        List<String> names = new ArrayList<>();
        body.path("names").forEach(n -> names.add(n.asText()));
        EabKey key;
        try {
            key = eabKeys.create(names, body.path("label").asText(""));
        } catch (IllegalArgumentException e) {
            throw Problems.malformed(e.getMessage());
        }
        res.status(Status.CREATED_201);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(AcmeJson.write(eabKeyJson(key)));
    }

    /** The answer shown once: it holds the HMAC key. */
    public static ObjectNode eabKeyJson(EabKey key) {
        ObjectNode json = AcmeJson.object().put("keyId", key.keyId()).put("hmacKey", EabKeys.encodedHmac(key));
        key.names().forEach(json.putArray("names")::add);
        json.put("label", key.label());
        return json;
    }

}
