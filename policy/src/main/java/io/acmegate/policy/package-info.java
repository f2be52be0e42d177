/**
 * The issuance policy: which account may have which DNS names. Pure logic over immutable values, with no
 * HTTP, no storage and no knowledge of the gateway's classes, so that every decision can be unit-tested
 * (the Boulder {@code policy} model).
 *
 * <p>Entry point: {@link io.acmegate.policy.IssuancePolicy#decide(String, io.acmegate.policy.NameGrant)}.
 */
package io.acmegate.policy;
