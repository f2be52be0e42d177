/**
 * The SPI that third parties implement (DNS providers, notifiers) and the built-in plugins, discovered with
 * {@link java.util.ServiceLoader} (DESIGN.md, "plugins"). DNS providers live in {@link io.acmegate.plugins.dns}.
 */
package io.acmegate.plugins;
