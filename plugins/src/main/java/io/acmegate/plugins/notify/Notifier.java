package io.acmegate.plugins.notify;

import java.util.concurrent.CompletionStage;

/**
 * Tells someone outside acmegate about a {@link StatusEvent} (a webhook, a chat channel, a mail, a pager).
 * Implementations are safe for concurrent use.
 */
public interface Notifier extends AutoCloseable {

    /** The configured instance name, for logs and status; never a secret. */
    String name();

    /**
     * Delivers {@code event} asynchronously. Never blocks the caller: the work (and any retries) happens on the
     * notifier's own threads.
     *
     * @return a stage that completes normally when the event was delivered, or exceptionally with a
     *         {@link NotifierException} once the notifier gives up (after its last retry, at once on a permanent
     *         refusal, or when it is closed first)
     */
    CompletionStage<Void> send(StatusEvent event);

    /**
     * Releases what the notifier holds (connections, threads); deliveries still under way fail with a
     * {@link NotifierException}. It is not used afterwards. Never throws.
     */
    @Override
    default void close() {
    }
}
