/**
 * The SPI that third parties implement (DNS providers, notifiers) and the built-in plugins,
 * discovered with {@link java.util.ServiceLoader}. Empty until the upstream issuance work (DESIGN.md,
 * "plugins") adds the first DNS provider.
 */
package io.acmegate.plugins;
