package io.acmegate.plugins.notify.webhook;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;

/** A retry timer that records each wait asked for and runs the retry at once, on its own thread. */
final class RecordingTimer implements RetryTimer {

    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final IntConsumer beforeRetry;

    RecordingTimer() {
        this(retry -> {
        });
    }

    /** {@code beforeRetry} runs with the retry's number (1 for the first) just before it. */
    RecordingTimer(IntConsumer beforeRetry) {
        this.beforeRetry = beforeRetry;
    }

    @Override
    public void schedule(Runnable task, Duration delay) {
        waits.add(delay);
        int retry = waits.size();
        Thread.ofVirtual().start(() -> {
            beforeRetry.accept(retry);
            task.run();
        });
    }

    @Override
    public void close() {
    }

    List<Duration> waits() {
        return List.copyOf(waits);
    }
}
