/**
 * The issuance policy: which account may have which DNS names and IP addresses (trusted, or validated by
 * the gateway itself), which certificate profiles and validity periods it offers, which upstream CA
 * accounts an order goes to, and the limits that protect those shared accounts. Pure logic over immutable
 * values and in-memory state, with no HTTP, no storage and no knowledge of the gateway's classes, so that
 * every decision can be unit-tested (the Boulder {@code policy} and {@code ratelimits} model).
 *
 * <p>Entry points:
 * <ul>
 *   <li>{@link io.acmegate.policy.IssuancePolicy#decide(String, io.acmegate.policy.NameGrant)}: may this
 *       account have this name, trusted or after proving control;</li>
 *   <li>{@link io.acmegate.policy.IssuancePolicy#decideIp(String, io.acmegate.policy.NameGrant)}: the same for
 *       an IP address identifier (RFC 8738), with {@link io.acmegate.policy.IpLiteral} for its canonical
 *       text;</li>
 *   <li>{@link io.acmegate.policy.CertificateProfiles}: the profiles in the directory's {@code meta.profiles},
 *       the one a newOrder chose, and what each asks of every upstream;</li>
 *   <li>{@link io.acmegate.policy.ValidityRequest}: whether a newOrder's notBefore/notAfter is accepted, and
 *       the validity to issue;</li>
 *   <li>{@link io.acmegate.policy.CaRouting#plan(io.acmegate.policy.OrderShape)}: which upstream CA accounts,
 *       in which order, and which were skipped because they cannot serve the order;</li>
 *   <li>{@link io.acmegate.policy.RateLimits#tryOrder(String, java.util.List)}: per-client and per-name
 *       token buckets for new orders;</li>
 *   <li>{@link io.acmegate.policy.ValidationFailures}: no upstream retries for a name whose validations keep
 *       failing.</li>
 * </ul>
 */
package io.acmegate.policy;
