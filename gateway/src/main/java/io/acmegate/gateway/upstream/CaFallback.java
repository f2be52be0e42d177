package io.acmegate.gateway.upstream;

import io.acmegate.gateway.upstream.CaAttempt.Outcome;
import io.acmegate.policy.ValidationFailures;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Obtains a certificate from the first upstream that can issue it: the route's candidates in order,
 * skipping those whose circuit breaker is open, moving on when a failure says another CA may succeed,
 * and recording every attempt with its reason. An RFC 9773 {@code replaces} goes only to the upstream
 * that issued the replaced certificate; any other upstream gets the order without it.
 */
public final class CaFallback {
    private static final Logger LOG = Logger.getLogger(CaFallback.class.getName());

    private final Map<String, Upstream> upstreams;
    private final Map<String, CircuitBreaker> breakers;
    private final UpstreamRouter router;
    private final ValidationFailures validationFailures;
    private final Clock clock;

    /**
     * @param validationFailures where failed upstream validations are counted per name, so that a name
     *                           that keeps failing is paused for the whole gateway
     */
    public CaFallback(Map<String, Upstream> upstreams, UpstreamRouter router, int breakerThreshold,
                      Duration breakerCoolDown, ValidationFailures validationFailures, Clock clock) {
        this.upstreams = Map.copyOf(upstreams);
        this.router = router;
        this.validationFailures = validationFailures;
        this.clock = clock;
        this.breakers = upstreams.keySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                name -> name, name -> new CircuitBreaker(breakerThreshold, breakerCoolDown, clock)));
    }

    /** Every configured upstream. */
    public java.util.Collection<Upstream> all() {
        return upstreams.values();
    }

    /** The configured upstream of this name, if any (revocation goes to the one that issued). */
    public java.util.Optional<Upstream> upstream(String name) {
        return java.util.Optional.ofNullable(upstreams.get(name));
    }

    /** A certificate and the attempts it took, the successful one last. */
    public record Result(UpstreamCertificate certificate, List<CaAttempt> attempts) {
    }

    /** No upstream issued: every attempt with its reason, and the last failure. */
    public static final class Exhausted extends Exception {
        private final transient List<CaAttempt> attempts;
        private final transient UpstreamException last;

        Exhausted(List<CaAttempt> attempts, UpstreamException last) {
            super(summary(attempts), last, false, false);
            this.attempts = List.copyOf(attempts);
            this.last = last;
        }

        public List<CaAttempt> attempts() {
            return attempts;
        }

        /** The last upstream failure, or null when no upstream was even tried. */
        public UpstreamException last() {
            return last;
        }

        private static String summary(List<CaAttempt> attempts) {
            if (attempts.isEmpty()) {
                return "no upstream CA is configured for these names";
            }
            return String.join("; ", attempts.stream().map(a -> a.upstream() + ": " + a.reason()).toList());
        }
    }

    /**
     * @param replacedBy the upstream that issued the certificate {@code request.replaces()} names, or null
     */
    public Result issue(UpstreamRequest request, String replacedBy) throws Exhausted {
        UpstreamRouter.Route route = router.route(request);
        List<CaAttempt> attempts = new ArrayList<>(route.skipped());
        UpstreamException last = null;
        for (String name : route.candidates()) {
            CircuitBreaker breaker = breakers.get(name);
            Upstream upstream = upstreams.get(name);
            if (upstream == null || breaker == null) {
                attempts.add(new CaAttempt(name, clock.instant(), Outcome.SKIPPED, "not configured"));
                continue;
            }
            if (!breaker.allows()) {
                attempts.add(new CaAttempt(name, clock.instant(), Outcome.SKIPPED, breaker.openReason()));
                continue;
            }
            // RFC 9773: only the CA (and account) that issued the replaced certificate knows it.
            UpstreamRequest attempt = name.equals(replacedBy) ? request : request.withoutReplaces();
            try {
                UpstreamCertificate certificate = issue(upstream, attempt);
                breaker.success();
                names(request).forEach(validationFailures::recordSuccess);
                attempts.add(new CaAttempt(name, clock.instant(), Outcome.ISSUED, null));
                return new Result(certificate, attempts);
            } catch (UpstreamException e) {
                last = e;
                breaker.failure(e.caUnwell(), e.retryAfter(), e.getMessage());
                if (e instanceof UpstreamException.ValidationFailed) {
                    names(request).forEach(n -> validationFailures.recordFailure(n, e.getMessage()));
                }
                attempts.add(new CaAttempt(name, clock.instant(), Outcome.FAILED,
                        e.getClass().getSimpleName() + ": " + e.getMessage()));
                LOG.info(() -> "order " + request.orderId() + ": upstream " + name + " failed: " + e.getMessage());
                if (!e.fallBack()) {
                    break;
                }
            }
        }
        throw new Exhausted(attempts, last);
    }

    /**
     * One upstream's failure must not stop the fallback, whatever form it takes: an unexpected runtime
     * failure (a client library tripping over a CA's broken answer) counts as that CA being unavailable.
     */
    private static UpstreamCertificate issue(Upstream upstream, UpstreamRequest request) throws UpstreamException {
        try {
            return upstream.issue(request);
        } catch (RuntimeException e) {
            throw new UpstreamException.Unavailable(upstream.name() + ": unexpected failure: " + e, null, e);
        }
    }

    private static List<String> names(UpstreamRequest request) {
        return request.identifiers().stream().map(i -> i.withoutWildcard().value()).distinct().toList();
    }
}
