package io.acmegate.gateway.acme.problem;

/**
 * Thrown anywhere below the ACME handlers to end the request with a problem document. The
 * handlers do not catch it: the routing's error handler writes it (one place for the format).
 */
public final class AcmeProblemException extends RuntimeException {
    private final transient Problem problem;
    private final transient java.time.Duration retryAfter;
    private final String location;

    public AcmeProblemException(Problem problem) {
        this(problem, null);
    }

    /** @param retryAfter sent as the Retry-After header (RFC 8555 §6.6 for rateLimited), or null */
    public AcmeProblemException(Problem problem, java.time.Duration retryAfter) {
        this(problem, retryAfter, null);
    }

    /** @param location sent as the Location header (the conflicting account of §7.3.5), or null */
    public AcmeProblemException(Problem problem, java.time.Duration retryAfter, String location) {
        super(problem.type().urn() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
        this.retryAfter = retryAfter;
        this.location = location;
    }

    public String location() {
        return location;
    }

    public Problem problem() {
        return problem;
    }

    public java.time.Duration retryAfter() {
        return retryAfter;
    }
}
