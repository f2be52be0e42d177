package io.acmegate.gateway.upstream;

import java.util.List;

/** Which upstreams may serve an order, in the order to try them (the policy module decides). */
@FunctionalInterface
public interface UpstreamRouter {
    Route route(UpstreamRequest request);

    /**
     * @param candidates upstream names to try, in order
     * @param skipped    upstreams left out because they cannot serve this order, with the reason
     */
    record Route(List<String> candidates, List<CaAttempt> skipped) {
        public Route {
            candidates = List.copyOf(candidates);
            skipped = List.copyOf(skipped);
        }
    }
}
