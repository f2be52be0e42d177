package io.acmegate.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.acmegate.gateway.status.notify.Notifications;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusConfigTest {
    @TempDir
    Path dir;

    private StatusConfig read(String yaml) throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, yaml);
        return StatusConfig.read(file);
    }

    @Test
    void readsIntervalsAndNotifiersAndDefaultsWithoutASection() throws Exception {
        StatusConfig config = read("""
                upstreams: [{name: local, type: local}]
                status:
                  sweep-interval: PT5S
                  notifiers:
                    - {name: ops, type: webhook, settings: {url: "http://127.0.0.1:9/hook", secret: 0123456789abcdef}}
                """);
        assertEquals(Duration.ofSeconds(5), config.sweepInterval());
        assertEquals(StatusConfig.DEFAULT.probeInterval(), config.probeInterval());
        assertEquals(Map.of("url", "http://127.0.0.1:9/hook", "secret", "0123456789abcdef"),
                config.notifiers().get(0).settings());
        Notifications.from(config).close();
        assertEquals(StatusConfig.DEFAULT, read("upstreams: [{name: local, type: local}]\n"));
    }

    @Test
    void badEntriesAreOneLineErrorsNamingTheKey() throws Exception {
        assertEquals("status.sweep-interval must be an ISO-8601 duration such as PT5M",
                assertThrows(IllegalArgumentException.class, () -> read("status: {sweep-interval: soon}")).getMessage());
        assertEquals("status.sweep-interval, probe-interval and ca-window-interval must be positive",
                assertThrows(IllegalArgumentException.class, () -> read("status: {probe-interval: PT0S}")).getMessage());
        assertEquals("status.notifiers[0] needs a name and a type",
                assertThrows(IllegalArgumentException.class, () -> read("status: {notifiers: [{name: x}]}")).getMessage());
        StatusConfig unknownType = read("status: {notifiers: [{name: x, type: pager}]}");
        assertEquals("status.notifiers[0].type: no notifier plugin 'pager' (installed: [webhook])",
                assertThrows(IllegalArgumentException.class, () -> Notifications.from(unknownType)).getMessage());
        StatusConfig noSecret = read("status: {notifiers: [{name: x, type: webhook, settings: {url: 'http://h/'}}]}");
        assertThrows(IllegalArgumentException.class, () -> Notifications.from(noSecret));
    }
}
