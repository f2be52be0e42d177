package io.acmegate.gateway.acme.problem;

import java.util.List;
import java.util.Objects;

/**
 * An RFC 7807 problem document with an RFC 8555 §6.7 type. {@code algorithms} is set only for
 * {@code badSignatureAlgorithm} (RFC 8555 §6.2); {@code subproblems} only for {@code compound} and
 * per-identifier errors (§6.7.1).
 */
public record Problem(ProblemType type, String detail, int status, List<String> algorithms,
                      List<Subproblem> subproblems) {

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(detail, "detail");
        algorithms = algorithms == null ? List.of() : List.copyOf(algorithms);
        subproblems = subproblems == null ? List.of() : List.copyOf(subproblems);
    }

    /** A problem about one identifier of a request that named several (RFC 8555 §6.7.1). */
    public record Subproblem(ProblemType type, String detail, String identifierType, String identifierValue) {
    }
}
