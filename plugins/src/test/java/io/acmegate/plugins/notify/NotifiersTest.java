package io.acmegate.plugins.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifiersTest {

    @Test
    void findsTheBuiltInWebhookFactoryWithServiceLoader() {
        NotifierFactory factory = Notifiers.factory("webhook").orElseThrow();

        assertEquals("webhook", factory.type());
        assertEquals("io.acmegate.plugins.notify.webhook.WebhookNotifierFactory", factory.getClass().getName());
        assertTrue(Notifiers.types().contains("webhook"), Notifiers.types().toString());
        try (Notifier notifier = factory.create("ops-hook", Map.of("url", "https://hooks.example.test/acme",
                "secret", "sixteen-chars-at-least"))) {
            assertEquals("ops-hook", notifier.name());
        }
    }

    @Test
    void unknownTypeIsEmpty() {
        assertTrue(Notifiers.factory("pager-but-not-installed").isEmpty());
    }

    @Test
    void eventNamesAreAnImmutableCopyAndNeverNull() {
        List<String> names = new ArrayList<>(List.of("a.example"));
        StatusEvent event = new StatusEvent("e1", StatusEvent.LINEAGE_EXPIRED, Instant.EPOCH, "l1", "c1", names,
                "expired", null);
        names.add("b.example");

        assertEquals(List.of("a.example"), event.names());
        assertThrows(UnsupportedOperationException.class, () -> event.names().add("c.example"));
        assertEquals(List.of(), new StatusEvent("e2", StatusEvent.TEST, Instant.EPOCH, null, null, null, null, null)
                .names());
        assertThrows(NullPointerException.class,
                () -> new StatusEvent(null, StatusEvent.TEST, Instant.EPOCH, null, null, null, null, null));
    }
}
