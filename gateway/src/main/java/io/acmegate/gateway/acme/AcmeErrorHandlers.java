package io.acmegate.gateway.acme;

import io.acmegate.gateway.acme.problem.AcmeProblemException;
import io.acmegate.gateway.acme.problem.Problem;
import io.acmegate.gateway.acme.problem.ProblemType;
import io.helidon.http.RequestException;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every exception out of an ACME handler into a problem document (DESIGN: bad input never gets
 * a 500, a stack trace or a hang). Unexpected failures are logged here with their stack trace and
 * answered {@code serverInternal} without one.
 */
public final class AcmeErrorHandlers {
    private static final Logger LOG = Logger.getLogger(AcmeErrorHandlers.class.getName());

    private AcmeErrorHandlers() {
    }

    public static void register(HttpRouting.Builder routing) {
        routing.error(AcmeProblemException.class, (req, res, e) -> {
            if (e.location() != null) {
                res.header(io.helidon.http.HeaderNames.LOCATION, e.location());
            }
            if (e.retryAfter() != null) {
                res.header(io.helidon.http.HeaderNames.RETRY_AFTER,
                        String.valueOf(Math.max(1, (e.retryAfter().toMillis() + 999) / 1000)));
            }
            send(res, e.problem());
        });
        routing.error(RequestException.class, (req, res, e) -> send(res, new Problem(ProblemType.MALFORMED,
                "the request could not be read: " + e.getMessage(), e.status().code(), null, null)));
        routing.error(Throwable.class, AcmeErrorHandlers::unexpected);
    }

    private static void unexpected(ServerRequest req, ServerResponse res, Throwable e) {
        LOG.log(Level.SEVERE, "unexpected failure on " + req.prologue().method().text() + " "
                + req.path().rawPath(), e);
        send(res, new Problem(ProblemType.SERVER_INTERNAL, "the server failed to handle this request; "
                + "the failure is in its log", 500, null, null));
    }

    private static void send(ServerResponse res, Problem problem) {
        if (!res.isSent()) {
            AcmeResponses.problem(res, problem);
        }
    }
}
