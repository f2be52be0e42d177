package io.acmegate.plugins;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What every plugin's settings parser does alike: refuse unknown keys, read required and optional values, and say
 * what is wrong in one line that names the plugin instance and the setting (and quotes values safely).
 */
public final class SettingsReader {
    private final String subject;
    private final String kind;
    private final Map<String, String> settings;
    private final Set<String> known;
    private final int maxQuoted;

    /**
     * @param noun      what the plugin is, as messages name it: "notifier", "DNS provider"
     * @param name      the configured instance name
     * @param type      the plugin type ("webhook", "rfc2136")
     * @param known     the setting keys of this type
     * @param maxQuoted how many characters of a value a message shows at most
     */
    public SettingsReader(String noun, String name, String type, Map<String, String> settings, Set<String> known,
                          int maxQuoted) {
        this.maxQuoted = maxQuoted;
        this.subject = noun + " " + quote(name) + " (" + type + ")";
        this.kind = noun.substring(noun.lastIndexOf(' ') + 1);
        this.settings = new LinkedHashMap<>(settings);
        this.known = Set.copyOf(known);
    }

    public void rejectUnknown() {
        for (String key : new TreeSet<>(settings.keySet())) {
            if (!known.contains(key)) {
                throw invalid(key, "is not a setting of this " + kind + " type; known settings: "
                        + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    /** The value, stripped; refused when absent or blank. */
    public String required(String key) {
        String value = settings.get(key);
        if (value == null || value.isBlank()) {
            throw invalid(key, "is required");
        }
        return value.strip();
    }

    /** The value, stripped, or {@code fallback} when absent or blank. */
    public String optional(String key, String fallback) {
        String value = settings.get(key);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    /** "notifier 'ops' (webhook): setting 'url' is required". */
    public IllegalArgumentException invalid(String key, String problem) {
        return new IllegalArgumentException(subject + ": setting " + quote(key) + " " + problem);
    }

    /** The value in single quotes, control characters escaped, cut with "..." after the configured length. */
    public String quote(String value) {
        StringBuilder quoted = new StringBuilder("'");
        value.codePoints().limit(maxQuoted).forEach(c -> {
            if (Character.isISOControl(c)) {
                quoted.append(String.format("\\u%04x", c));
            } else {
                quoted.appendCodePoint(c);
            }
        });
        return quoted.append(value.codePointCount(0, value.length()) > maxQuoted ? "...'" : "'").toString();
    }
}
