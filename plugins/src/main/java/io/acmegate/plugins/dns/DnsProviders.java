package io.acmegate.plugins.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The {@link DnsProviderFactory}s on the class path, found with {@link ServiceLoader}. */
public final class DnsProviders {

    private DnsProviders() {
    }

    /**
     * The factory for {@code type}, if one is installed.
     *
     * @throws IllegalStateException when two installed factories claim the same type
     */
    public static Optional<DnsProviderFactory> factory(String type) {
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
    private static Map<String, DnsProviderFactory> byType() {
        Map<String, DnsProviderFactory> factories = new TreeMap<>();
        for (DnsProviderFactory factory : ServiceLoader.load(DnsProviderFactory.class)) {
            DnsProviderFactory other = factories.putIfAbsent(factory.type(), factory);
            if (other != null) {
                throw new IllegalStateException("two DNS provider plugins claim type '" + factory.type() + "': "
                        + other.getClass().getName() + " and " + factory.getClass().getName());
            }
        }
        return factories;
    }
}
