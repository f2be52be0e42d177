package io.acmegate.plugins.notify;

import io.acmegate.plugins.PluginFactories;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

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

    private static Map<String, NotifierFactory> byType() {
        return PluginFactories.byType(NotifierFactory.class, NotifierFactory::type, "notifier");
    }
}
