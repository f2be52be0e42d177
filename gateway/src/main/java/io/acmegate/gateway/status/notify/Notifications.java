package io.acmegate.gateway.status.notify;

import io.acmegate.gateway.config.StatusConfig;
import io.acmegate.gateway.model.Lineage;
import io.acmegate.gateway.model.ResourceIds;
import io.acmegate.plugins.notify.Notifier;
import io.acmegate.plugins.notify.NotifierFactory;
import io.acmegate.plugins.notify.Notifiers;
import io.acmegate.plugins.notify.StatusEvent;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Sends status events to every configured notifier plugin; a notifier that fails is logged, never fatal. */
public final class Notifications implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Notifications.class.getName());

    private final List<Notifier> notifiers;

    public Notifications(List<Notifier> notifiers) {
        this.notifiers = List.copyOf(notifiers);
    }

    /**
     * The notifiers the configuration names, created by their plugins.
     *
     * @throws IllegalArgumentException naming the entry whose type no plugin provides or whose settings are wrong
     */
    public static Notifications from(StatusConfig config) {
        List<Notifier> created = new ArrayList<>();
        for (int i = 0; i < config.notifiers().size(); i++) {
            StatusConfig.NotifierConfig n = config.notifiers().get(i);
            String where = "status.notifiers[" + i + "]";
            NotifierFactory factory = Notifiers.factory(n.type()).orElseThrow(() -> new IllegalArgumentException(
                    where + ".type: no notifier plugin '" + n.type() + "' (installed: " + Notifiers.types() + ")"));
            try {
                created.add(factory.create(n.name(), n.settings()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
        }
        return new Notifications(created);
    }

    /**
     * Tells every notifier; returns at once (delivery and its retries run in the background).
     *
     * @return completes when every notifier delivered, exceptionally when one gave up
     */
    public CompletableFuture<Void> send(String kind, Lineage lineage, String state, String detail, Instant at) {
        StatusEvent event = new StatusEvent(ResourceIds.next(), kind, at, Long.toString(lineage.id()),
                lineage.client().id(), lineage.names(), state, detail);
        List<CompletableFuture<Void>> deliveries = new ArrayList<>();
        for (Notifier notifier : notifiers) {
            deliveries.add(notifier.send(event).toCompletableFuture().whenComplete((ok, failure) -> {
                if (failure != null) {
                    LOG.log(Level.WARNING, "notifier " + notifier.name() + " could not deliver " + kind
                            + " for lineage " + lineage.id() + ": " + failure.getMessage());
                }
            }));
        }
        return CompletableFuture.allOf(deliveries.toArray(CompletableFuture[]::new));
    }

    @Override
    public void close() {
        notifiers.forEach(Notifier::close);
    }
}
