package io.acmegate.policy;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The upstream CA accounts to try for one order, in order, each able to serve it, and the ones of the
 * route that were skipped with the reason. Immutable.
 *
 * @param candidates upstream names in the order to try them; empty when no account of the route can serve
 *                   the order; copied
 * @param skipped    the route's accounts that cannot serve the order, in route order; copied
 */
public record RoutePlan(List<String> candidates, List<Skipped> skipped) {

    public RoutePlan {
        candidates = List.copyOf(candidates);
        skipped = List.copyOf(skipped);
    }

    /**
     * One upstream account left out of the plan.
     *
     * @param upstream the account's name
     * @param reason   why, in plain words, for the attempt history and the client's problem document
     */
    public record Skipped(String upstream, String reason) {
        public Skipped {
            Objects.requireNonNull(upstream, "upstream");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return upstream + " " + reason;
        }
    }

    /** Whether no upstream account can serve the order. */
    public boolean isEmpty() {
        return candidates.isEmpty();
    }

    /**
     * One line for a client when no account can serve the order: "no upstream CA can serve this order:
     * ca-a does not issue wildcards; ca-b ...".
     */
    public String whyNoCandidate() {
        return "no upstream CA can serve this order: "
                + skipped.stream().map(Skipped::toString).collect(Collectors.joining("; "));
    }
}
