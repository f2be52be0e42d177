package io.acmegate.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renewal status: how often states are re-checked and endpoints probed, and who is told. The optional
 * {@code status} section of the configuration file:
 * <pre>
 * status:
 *   sweep-interval: PT1M          # re-check every lineage's state, notify changes
 *   probe-interval: PT15M         # connect to every lineage's endpoints
 *   ca-window-interval: PT6H      # ask issuing CAs again for their renewal windows (RFC 9773)
 *   notifiers:
 *     - name: ops
 *       type: webhook             # a notifier plugin's type
 *       settings: {url: https://hooks.example.com/acmegate, secret: ...}
 * </pre>
 */
public record StatusConfig(Duration sweepInterval, Duration probeInterval, Duration caWindowInterval,
                           List<NotifierConfig> notifiers) {
    public static final StatusConfig DEFAULT = new StatusConfig(Duration.ofMinutes(1), Duration.ofMinutes(15),
            Duration.ofHours(6), List.of());

    public record NotifierConfig(String name, String type, Map<String, String> settings) {
        public NotifierConfig {
            settings = Map.copyOf(settings);
        }
    }

    public StatusConfig {
        notifiers = List.copyOf(notifiers);
        for (Duration interval : List.of(sweepInterval, probeInterval, caWindowInterval)) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException(
                        "status.sweep-interval, probe-interval and ca-window-interval must be positive");
            }
        }
    }

    /** The status section of the configuration file, or the defaults when it has none. */
    public static StatusConfig read(Path file) {
        return from(ConfigFile.read(file));
    }

    /** The status section of the configuration file's tree ({@link ConfigFile#read}). */
    public static StatusConfig from(JsonNode root) {
        JsonNode status = root == null ? null : root.get("status");
        if (status == null) {
            return DEFAULT;
        }
        List<NotifierConfig> notifiers = new ArrayList<>();
        JsonNode list = status.path("notifiers");
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i);
            String where = "status.notifiers[" + i + "]";
            if (!n.path("name").isTextual() || !n.path("type").isTextual()) {
                throw new IllegalArgumentException(where + " needs a name and a type");
            }
            Map<String, String> settings = new LinkedHashMap<>();
            n.path("settings").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
            notifiers.add(new NotifierConfig(n.get("name").asText(), n.get("type").asText(), settings));
        }
        Duration sweep = UpstreamsConfig.duration(status, "sweep-interval", "status", DEFAULT.sweepInterval());
        Duration probe = UpstreamsConfig.duration(status, "probe-interval", "status", DEFAULT.probeInterval());
        Duration caWindow = UpstreamsConfig.duration(status, "ca-window-interval", "status",
                DEFAULT.caWindowInterval());
        return new StatusConfig(sweep, probe, caWindow, notifiers);
    }
}
