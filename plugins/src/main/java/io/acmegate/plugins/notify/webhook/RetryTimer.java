package io.acmegate.plugins.notify.webhook;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a retry after a wait, on a thread of its own: the caller of {@code send} and the HTTP client's threads never
 * sleep. Tests substitute one that records the waits instead of waiting.
 */
interface RetryTimer extends AutoCloseable {

    /** Runs {@code task} once {@code delay} has passed; after {@link #close()}, never. */
    void schedule(Runnable task, Duration delay);

    /** Drops the retries not yet run. */
    @Override
    void close();

    /** A timer on one daemon thread, named after the notifier. */
    static RetryTimer ofThread(String notifier) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "notifier-" + notifier + "-retry");
            thread.setDaemon(true);
            return thread;
        });
        return new RetryTimer() {
            @Override
            public void schedule(Runnable task, Duration delay) {
                executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            }

            @Override
            public void close() {
                executor.shutdownNow();
            }
        };
    }
}
