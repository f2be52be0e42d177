package io.acmegate.benchmarks;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} pairs of a benchmark main, checked against the names it knows. Not thread-safe. */
final class BenchArgs {
    private final Map<String, String> values = new HashMap<>();

    /** @throws IllegalArgumentException for an unknown option or one without a value */
    BenchArgs(String[] args, Set<String> known) {
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !known.contains(name)) {
                throw new IllegalArgumentException("unknown option " + args[i] + " (known: --" + String.join(" --",
                        known) + ")");
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            values.put(name, args[i + 1]);
        }
    }

    /** @throws IllegalArgumentException when a required option is missing */
    String text(String name, String fallback) {
        String value = values.getOrDefault(name, fallback);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    int number(String name, int fallback) {
        try {
            return Integer.parseInt(text(name, Integer.toString(fallback)).replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number");
        }
    }
}
