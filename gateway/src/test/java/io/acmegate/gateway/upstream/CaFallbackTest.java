package io.acmegate.gateway.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.acmegate.gateway.TestClock;
import io.acmegate.gateway.model.Identifier;
import io.acmegate.gateway.upstream.CaAttempt.Outcome;
import io.acmegate.policy.ValidationFailures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fallback's decisions, with scripted upstreams: plain unit tests (Boulder's ra model). */
class CaFallbackTest {
    private final TestClock clock = new TestClock();
    private final ValidationFailures failures = new ValidationFailures(2, Duration.ofHours(1), Duration.ofHours(1), clock);
    private static final UpstreamRequest REQUEST = new UpstreamRequest("o1",
            List.of(Identifier.dns("shop.example.com")), new byte[] {1}, "replaced-cert-id", null);

    /** An upstream that fails with the scripted exceptions in turn, then issues; records what it was asked. */
    static final class Scripted implements Upstream {
        final String name;
        final List<UpstreamException> failures;
        final List<UpstreamRequest> asked = new ArrayList<>();

        Scripted(String name, UpstreamException... failures) {
            this.name = name;
            this.failures = new ArrayList<>(List.of(failures));
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public UpstreamCertificate issue(UpstreamRequest request) throws UpstreamException {
            asked.add(request);
            if (!failures.isEmpty()) {
                throw failures.remove(0);
            }
            return new UpstreamCertificate("PEM from " + name, List.of(), name, null, null);
        }

        @Override
        public void revoke(byte[] certificateDer, int reason) {
        }
    }

    private CaFallback fallback(Scripted... upstreams) {
        Map<String, Upstream> byName = new LinkedHashMap<>();
        for (Scripted u : upstreams) {
            byName.put(u.name, u);
        }
        List<String> order = List.copyOf(byName.keySet());
        return new CaFallback(byName, request -> new UpstreamRouter.Route(order, List.of()), 2,
                Duration.ofMinutes(5), failures, clock);
    }

    private static UpstreamException unavailable() {
        return new UpstreamException.Unavailable("connection refused", null, null);
    }

    @Test
    void firstHealthyUpstreamIssuesAndEveryAttemptIsRecorded() throws Exception {
        Scripted a = new Scripted("a", unavailable());
        Scripted b = new Scripted("b");
        CaFallback.Result result = fallback(a, b).issue(REQUEST, null);
        assertEquals("b", result.certificate().upstream());
        assertEquals(List.of(Outcome.FAILED, Outcome.ISSUED), result.attempts().stream().map(CaAttempt::outcome).toList());
        assertEquals("Unavailable: connection refused", result.attempts().get(0).reason());
    }

    @Test
    void replacesGoesOnlyToTheUpstreamThatIssuedTheReplacedCertificate() throws Exception {
        Scripted a = new Scripted("a", new UpstreamException.RateLimited("slow down", Duration.ofMinutes(1), null));
        Scripted b = new Scripted("b");
        fallback(a, b).issue(REQUEST, "a");
        assertEquals("replaced-cert-id", a.asked.get(0).replaces());
        assertNull(b.asked.get(0).replaces(), "another CA must not see replaces (RFC 9773)");
    }

    @Test
    void aRefusedRequestDoesNotFallBack() {
        Scripted a = new Scripted("a", new UpstreamException.Refused("badCSR", null));
        Scripted b = new Scripted("b");
        CaFallback.Exhausted e = assertThrows(CaFallback.Exhausted.class, () -> fallback(a, b).issue(REQUEST, null));
        assertEquals(List.of(), b.asked);
        assertEquals(1, e.attempts().size());
    }

    @Test
    void aFailingUpstreamIsSkippedDuringItsCoolDownThenTriedAgain() throws Exception {
        Scripted a = new Scripted("a", unavailable(), unavailable());
        Scripted b = new Scripted("b");
        CaFallback fallback = fallback(a, b);
        fallback.issue(REQUEST, null);
        fallback.issue(REQUEST, null); // second failure in a row opens a's breaker
        CaFallback.Result skipped = fallback.issue(REQUEST, null);
        assertEquals(Outcome.SKIPPED, skipped.attempts().get(0).outcome());
        assertEquals(2, a.asked.size(), "a is not asked while its breaker is open");
        clock.now = clock.now.plus(Duration.ofMinutes(6));
        assertEquals("a", fallback.issue(REQUEST, null).certificate().upstream(), "tried again after the cool-down");
    }

    @Test
    void retryAfterKeepsAnUpstreamAsideEvenBeforeTheThreshold() throws Exception {
        Scripted a = new Scripted("a", new UpstreamException.RateLimited("rateLimited", Duration.ofMinutes(10), null));
        Scripted b = new Scripted("b");
        CaFallback fallback = fallback(a, b);
        fallback.issue(REQUEST, null);
        assertEquals(Outcome.SKIPPED, fallback.issue(REQUEST, null).attempts().get(0).outcome());
        clock.now = clock.now.plus(Duration.ofMinutes(11));
        assertEquals("a", fallback.issue(REQUEST, null).certificate().upstream());
    }

    @Test
    void validationFailuresAreCountedPerNameAndPauseIt() throws Exception {
        UpstreamException caa = new UpstreamException.ValidationFailed("caa: CAA forbids", null);
        CaFallback fallback = fallback(new Scripted("a", caa, caa), new Scripted("b",
                new UpstreamException.ValidationFailed("caa", null), new UpstreamException.ValidationFailed("caa", null)));
        assertThrows(CaFallback.Exhausted.class, () -> fallback.issue(REQUEST, null));
        assertEquals(true, failures.pausedUntil("shop.example.com").isPresent(),
                "two failed validations pause the name for every client");
    }

    @Test
    void whenAllFailTheLastFailureIsKept() {
        UpstreamException limited = new UpstreamException.RateLimited("rateLimited", null, null);
        CaFallback.Exhausted e = assertThrows(CaFallback.Exhausted.class,
                () -> fallback(new Scripted("a", unavailable()), new Scripted("b", limited)).issue(REQUEST, null));
        assertEquals(limited, e.last());
        assertEquals(2, e.attempts().size());
    }
}
