package io.acmegate.plugins;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/** The factories of one plugin kind on the class path, found with {@link ServiceLoader}, by the type they claim. */
public final class PluginFactories {

    private PluginFactories() {
    }

    /**
     * Loaded on each call: plugins are looked up once at start-up, and the context class loader decides what is seen.
     *
     * @param kind   the SPI, e.g. {@code NotifierFactory.class}
     * @param typeOf the type a factory claims
     * @param noun   how messages name the plugins: "notifier", "DNS provider"
     * @return the factories by type, sorted
     * @throws IllegalStateException when two installed factories claim the same type
     */
    public static <F> Map<String, F> byType(Class<F> kind, Function<F, String> typeOf, String noun) {
        Map<String, F> factories = new TreeMap<>();
        for (F factory : ServiceLoader.load(kind)) {
            F other = factories.putIfAbsent(typeOf.apply(factory), factory);
            if (other != null) {
                throw new IllegalStateException("two " + noun + " plugins claim type '" + typeOf.apply(factory)
                        + "': " + other.getClass().getName() + " and " + factory.getClass().getName());
            }
        }
        return factories;
    }
}
