package io.acmegate.gateway.acme.problem;

/**
 * Thrown anywhere below the ACME handlers to end the request with a problem document. The
 * handlers do not catch it: the routing's error handler writes it (one place for the format).
 */
public final class AcmeProblemException extends RuntimeException {
    private final transient Problem problem;

    public AcmeProblemException(Problem problem) {
        super(problem.type().urn() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
