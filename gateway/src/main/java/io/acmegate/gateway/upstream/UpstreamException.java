package io.acmegate.gateway.upstream;

import java.time.Duration;

/**
 * Why an upstream could not issue, named by type so that the fallback branches on it (the acme4j
 * exception model). {@link #fallBack()} says whether another CA account may succeed where this one
 * failed; {@link #caUnwell()} whether the failure counts towards the CA's circuit breaker;
 * {@link #retryAfter()} when this one may be asked again.
 */
public abstract sealed class UpstreamException extends Exception {
    private final Duration retryAfter;
    private final boolean fallBack;
    private final boolean caUnwell;

    private UpstreamException(String message, Duration retryAfter, Throwable cause, boolean fallBack,
                              boolean caUnwell) {
        super(message, cause);
        this.retryAfter = retryAfter;
        this.fallBack = fallBack;
        this.caUnwell = caUnwell;
    }

    /** Whether another CA account may succeed where this one failed. */
    public boolean fallBack() {
        return fallBack;
    }

    /** Whether the failure says the CA itself is unwell (it counts towards its circuit breaker). */
    public boolean caUnwell() {
        return caUnwell;
    }

    /** When the CA may be asked again, if it said (Retry-After), else null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Connection refused, timeout, HTTP 5xx, serverInternal: the CA is not answering properly. */
    public static final class Unavailable extends UpstreamException {
        public Unavailable(String message, Duration retryAfter, Throwable cause) {
            super(message, retryAfter, cause, true, true);
        }
    }

    /** rateLimited (RFC 8555 §6.7): this account must wait; another may not have to. */
    public static final class RateLimited extends UpstreamException {
        public RateLimited(String message, Duration retryAfter, Throwable cause) {
            super(message, retryAfter, cause, true, false);
        }
    }

    /**
     * The CA refused the names or their validation (caa, unauthorized, dns, connection, incorrectResponse,
     * rejectedIdentifier): another CA may not share the reason (CAA names one CA; policies differ).
     */
    public static final class ValidationFailed extends UpstreamException {
        public ValidationFailed(String message, Throwable cause) {
            super(message, null, cause, true, false);
        }
    }

    /** The CA account itself is unusable (deactivated, EAB refused, terms changed). */
    public static final class AccountProblem extends UpstreamException {
        public AccountProblem(String message, Throwable cause) {
            super(message, null, cause, true, true);
        }
    }

    /** The request itself is wrong (badCSR): every CA would refuse it; do not fall back. */
    public static final class Refused extends UpstreamException {
        public Refused(String message, Throwable cause) {
            super(message, null, cause, false, false);
        }
    }
}
