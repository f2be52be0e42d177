package io.acmegate.plugins;

/** Shared by plugins' settings parsers: how a setting's value appears in a one-line error message. */
public final class SettingsText {
    private SettingsText() {
    }

    /** The value in single quotes, control characters escaped, cut after {@code maxCodePoints} with "...". */
    public static String quote(String value, int maxCodePoints) {
        StringBuilder quoted = new StringBuilder("'");
        value.codePoints().limit(maxCodePoints).forEach(c -> {
            if (Character.isISOControl(c)) {
                quoted.append(String.format("\\u%04x", c));
            } else {
                quoted.appendCodePoint(c);
            }
        });
        return quoted.append(value.codePointCount(0, value.length()) > maxCodePoints ? "...'" : "'").toString();
    }
}
