/**
 * The issuance policy: which account may have which DNS names, which upstream CA accounts an order goes
 * to, and the limits that protect those shared accounts. Pure logic over immutable values and in-memory
 * state, with no HTTP, no storage and no knowledge of the gateway's classes, so that every decision can be
 * unit-tested (the Boulder {@code policy} and {@code ratelimits} model).
 *
 * <p>Entry points:
 * <ul>
 *   <li>{@link io.acmegate.policy.IssuancePolicy#decide(String, io.acmegate.policy.NameGrant)}: may this
 *       account have this name;</li>
 *   <li>{@link io.acmegate.policy.CaRouting#plan(io.acmegate.policy.OrderShape)}: which upstream CA accounts,
 *       in which order, and which were skipped because they cannot serve the order;</li>
 *   <li>{@link io.acmegate.policy.RateLimits#tryOrder(String, java.util.List)}: per-client and per-name
 *       token buckets for new orders;</li>
 *   <li>{@link io.acmegate.policy.ValidationFailures}: no upstream retries for a name whose validations keep
 *       failing.</li>
 * </ul>
 */
package io.acmegate.policy;
