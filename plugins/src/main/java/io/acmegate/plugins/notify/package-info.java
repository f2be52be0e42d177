/**
 * Notifier plugins (DESIGN.md, "gateway/status"): a {@link io.acmegate.plugins.notify.Notifier} tells someone outside
 * acmegate when a certificate lineage becomes overdue, failing or expired, or when a probe finds an old certificate
 * still served ({@link io.acmegate.plugins.notify.StatusEvent}). Factories are found by type with
 * {@link io.acmegate.plugins.notify.Notifiers}; the built-in type is {@code webhook}.
 */
package io.acmegate.plugins.notify;
