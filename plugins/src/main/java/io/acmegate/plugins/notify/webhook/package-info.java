/**
 * The built-in {@code webhook} notifier: signed JSON POSTs with retries
 * ({@link io.acmegate.plugins.notify.webhook.WebhookNotifierFactory} documents the wire format and how a receiver
 * verifies it).
 */
package io.acmegate.plugins.notify.webhook;
