package io.acmegate.gateway.status;

import io.acmegate.plugins.notify.Notifier;
import io.acmegate.plugins.notify.StatusEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** A notifier that keeps what it is sent, and fails every delivery while {@link #down} is set. */
public final class RecordingNotifier implements Notifier {
    public final List<StatusEvent> events = new CopyOnWriteArrayList<>();
    public volatile boolean down;

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public CompletionStage<Void> send(StatusEvent event) {
        events.add(event);
        return down ? CompletableFuture.failedFuture(new io.acmegate.plugins.notify.NotifierException("down"))
                : CompletableFuture.completedFuture(null);
    }
}
