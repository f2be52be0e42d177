package io.acmegate.gateway.acme.handlers;

import io.acmegate.gateway.model.Authorization;
import io.acmegate.gateway.model.ChallengeStatus;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;

/** How soon a client polling a validation should look again. */
final class ValidationProgress {
    /** Validation takes about a second here; clients otherwise wait 3 to 5 s between polls. */
    private static final String POLL_SECONDS = "1";

    private ValidationProgress() {
    }

    /** RFC 8555 §7.5.1: Retry-After on the authorization and challenge while a challenge is being validated. */
    static void retryAfter(ServerResponse res, Authorization authz) {
        if (authz.challenges().stream().anyMatch(c -> c.status() == ChallengeStatus.PROCESSING)) {
            res.header(HeaderNames.RETRY_AFTER, POLL_SECONDS);
        }
    }
}
