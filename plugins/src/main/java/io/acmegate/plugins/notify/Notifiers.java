package io.acmegate.plugins.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The {@link NotifierFactory}s on the class path, found with {@link ServiceLoader}. */
public final class Notifiers {

    private Notifiers() {
    }

    /**
     * The factory for {@code type}, if one is installed.
     *
     * @throws IllegalStateException when two installed factories claim the same type
     */
    public static Optional<NotifierFactory> factory(String type) {
        return Optional.ofNullable(byType().get(type));
    }

    /**
     * The installed types, sorted.
     *
     * @throws IllegalStateException when two installed factories claim the same type
     */
    public static List<String> types() {
        return new ArrayList<>(byType().keySet());
    }

    // Loaded on each call: plugins are looked up once at start-up, and the context class loader decides what is seen.
    private static Map<String, NotifierFactory> byType() {
        Map<String, NotifierFactory> factories = new TreeMap<>();
        for (NotifierFactory factory : ServiceLoader.load(NotifierFactory.class)) {
            NotifierFactory other = factories.putIfAbsent(factory.type(), factory);
            if (other != null) {
                throw new IllegalStateException("two notifier plugins claim type '" + factory.type() + "': "
                        + other.getClass().getName() + " and " + factory.getClass().getName());
            }
        }
        return factories;
    }
}
