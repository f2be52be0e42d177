package io.acmegate.plugins.notify;

import java.util.Map;

/**
 * Creates {@link Notifier}s of one type from their settings. Implementations are found with
 * {@link java.util.ServiceLoader}: a plugin jar names its factory class in
 * {@code META-INF/services/io.acmegate.plugins.notify.NotifierFactory}; the class is public with a public no-argument
 * constructor.
 */
public interface NotifierFactory {

    /** The type that configuration names, e.g. {@code webhook}; unique among the factories on the class path. */
    String type();

    /**
     * Creates a notifier from its configured settings. Does no network I/O: a receiver that is down at start-up shows
     * as failed deliveries later, not as a start-up error.
     *
     * @param name     the instance name, for logs and status
     * @param settings the instance's settings, by key; values are never null
     * @throws IllegalArgumentException when a setting is missing, unknown or invalid, with a one-line message that
     *                                  names the notifier and the setting (and never quotes a secret)
     */
    Notifier create(String name, Map<String, String> settings);
}
