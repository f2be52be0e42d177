package io.acmegate.plugins;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every plugin's settings parser does alike: refuse unknown keys, read required and optional values, and say
 * what is wrong in one line that names the plugin instance and the setting (and quotes values safely).
 */
public final class SettingsReader {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)?");
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

    /**
     * A short duration: "500ms", "10s", "1m", or a bare number of {@code bareUnit}s when that is given; null for
     * anything else, so that a caller may try other forms before refusing it.
     */
    public static Duration shortDuration(String value, ChronoUnit bareUnit) {
        Matcher matcher = SHORT_DURATION.matcher(value);
        if (!matcher.matches() || (matcher.group(2) == null && bareUnit == null)) {
            return null;
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2) == null ? "" : matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.of(amount, bareUnit);
        };
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
