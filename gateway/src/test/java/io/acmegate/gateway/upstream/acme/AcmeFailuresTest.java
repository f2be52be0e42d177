package io.acmegate.gateway.upstream.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmegate.gateway.TestClock;
import io.acmegate.gateway.upstream.UpstreamException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.toolbox.JSON;

/** acme4j failures named in the fallback's terms: the decision "next CA, wait, or stop" by type. */
class AcmeFailuresTest {
    private final TestClock clock = new TestClock();

    private static Problem problem(String type) throws Exception {
        return new Problem(JSON.parse("{\"type\":\"urn:ietf:params:acme:error:" + type + "\",\"detail\":\"d\"}"),
                URI.create("https://ca.example/acme/new-order").toURL());
    }

    private UpstreamException classify(AcmeException e) {
        return AcmeFailures.classify("ca-a", e, clock);
    }

    @Test
    void networkAndServerFailuresMakeTheCaUnwell() throws Exception {
        UpstreamException refused = classify(new AcmeNetworkException(new java.net.ConnectException("refused")));
        assertInstanceOf(UpstreamException.Unavailable.class, refused);
        assertTrue(refused.fallBack() && refused.caUnwell());
        assertInstanceOf(UpstreamException.Unavailable.class,
                classify(new AcmeServerException(problem("serverInternal"))));
        assertInstanceOf(UpstreamException.Unavailable.class, classify(new AcmeException("HTTP 503: Service Unavailable")));
    }

    @Test
    void rateLimitsCarryTheirRetryAfter() throws Exception {
        UpstreamException limited = classify(new AcmeRateLimitedException(problem("rateLimited"),
                clock.now.plus(Duration.ofMinutes(7)), List.of()));
        assertInstanceOf(UpstreamException.RateLimited.class, limited);
        assertEquals(Duration.ofMinutes(7), limited.retryAfter());
        assertFalse(limited.caUnwell(), "a rate limit is about this account, not the CA's health");
    }

    @Test
    void validationRefusalsFallBackWithoutBlamingTheCa() throws Exception {
        for (String type : List.of("caa", "dns", "unauthorized", "incorrectResponse", "rejectedIdentifier")) {
            UpstreamException e = classify(new AcmeServerException(problem(type)));
            assertInstanceOf(UpstreamException.ValidationFailed.class, e, type);
            assertTrue(e.fallBack() && !e.caUnwell(), type);
        }
    }

    @Test
    void accountProblemsAndBadCsr() throws Exception {
        assertInstanceOf(UpstreamException.AccountProblem.class,
                classify(new AcmeServerException(problem("accountDoesNotExist"))));
        assertInstanceOf(UpstreamException.AccountProblem.class,
                classify(new AcmeServerException(problem("externalAccountRequired"))));
        UpstreamException badCsr = classify(new AcmeServerException(problem("badCSR")));
        assertInstanceOf(UpstreamException.Refused.class, badCsr);
        assertFalse(badCsr.fallBack(), "every CA would refuse the same CSR");
    }
}
