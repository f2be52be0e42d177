package io.acmegate.gateway.upstream.acme;

import io.acmegate.gateway.upstream.UpstreamException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeLazyLoadingException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.exception.AcmeUserActionRequiredException;

/** Names an acme4j failure in the fallback's terms (RFC 8555 §6.7 error types → what to do next). */
final class AcmeFailures {
    private static final String ACME = "urn:ietf:params:acme:error:";
    /** Validation and name refusals: another CA may not share the reason (CAA names one CA). */
    private static final Set<String> VALIDATION = Set.of("caa", "dns", "connection", "incorrectResponse", "tls",
            "unauthorized", "rejectedIdentifier", "unsupportedIdentifier", "compound");
    /** The account itself is unusable at this CA. */
    private static final Set<String> ACCOUNT = Set.of("accountDoesNotExist", "externalAccountRequired",
            "userActionRequired", "invalidContact", "unsupportedContact", "badPublicKey");
    /** The request is wrong wherever it goes. */
    private static final Set<String> REFUSED = Set.of("badCSR");

    private AcmeFailures() {
    }

    /** @param e an AcmeException, or acme4j's AcmeLazyLoadingException (unchecked) wrapping one */
    static UpstreamException classify(String upstream, Exception e, Clock clock) {
        Exception cause = e instanceof AcmeLazyLoadingException && e.getCause() instanceof AcmeException inner
                ? inner : e;
        String what = upstream + ": " + cause.getMessage();
        if (cause instanceof AcmeNetworkException) {
            return new UpstreamException.Unavailable(what, null, cause);
        }
        if (cause instanceof AcmeRateLimitedException limited) {
            Duration wait = limited.getRetryAfter().map(at -> Duration.between(clock.instant(), at))
                    .filter(d -> !d.isNegative()).orElse(null);
            return new UpstreamException.RateLimited(what, wait, cause);
        }
        if (cause instanceof AcmeUserActionRequiredException) {
            return new UpstreamException.AccountProblem(what, cause);
        }
        if (cause instanceof AcmeServerException server) {
            String type = server.getType().toString();
            String name = type.startsWith(ACME) ? type.substring(ACME.length()) : type;
            if (VALIDATION.contains(name)) {
                return new UpstreamException.ValidationFailed(what, cause);
            }
            if (ACCOUNT.contains(name)) {
                return new UpstreamException.AccountProblem(what, cause);
            }
            if (REFUSED.contains(name)) {
                return new UpstreamException.Refused(what, cause);
            }
        }
        // serverInternal, HTTP 5xx without a problem document, unexpected answers: the CA is unwell.
        return new UpstreamException.Unavailable(what, null, cause);
    }
}
