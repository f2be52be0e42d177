package io.acmegate.gateway.acme;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.acme.problem.Problem;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** Writes ACME responses: JSON resources and RFC 7807 problem documents, with their media types. */
public final class AcmeResponses {
    private AcmeResponses() {
    }

    public static void json(ServerResponse res, int status, ObjectNode body) {
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(AcmeJson.write(body));
    }

    /** A resource with its own URL (RFC 8555 §7.3, §7.4: Location names the created resource). */
    public static void created(ServerResponse res, int status, String location, ObjectNode body) {
        res.header(HeaderNames.LOCATION, location);
        json(res, status, body);
    }

    public static void link(ServerResponse res, String url, String rel) {
        res.headers().add(HeaderNames.LINK, "<" + url + ">;rel=\"" + rel + "\"");
    }

    public static void problem(ServerResponse res, Problem problem) {
        res.status(Status.create(problem.status()));
        res.header(HeaderNames.CONTENT_TYPE, "application/problem+json");
        res.send(AcmeJson.write(problemJson(problem)));
    }

    static ObjectNode problemJson(Problem problem) {
        ObjectNode json = AcmeJson.object()
                .put("type", problem.type().urn())
                .put("detail", problem.detail())
                .put("status", problem.status());
        if (!problem.algorithms().isEmpty()) {
            ArrayNode algorithms = json.putArray("algorithms");
            problem.algorithms().forEach(algorithms::add);
        }
        if (!problem.subproblems().isEmpty()) {
            ArrayNode subproblems = json.putArray("subproblems");
            for (Problem.Subproblem sub : problem.subproblems()) {
                ObjectNode item = subproblems.addObject()
                        .put("type", sub.type().urn())
                        .put("detail", sub.detail());
                item.putObject("identifier").put("type", sub.identifierType()).put("value", sub.identifierValue());
            }
        }
        return json;
    }
}
