package io.acmegate.gateway.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The gateway's configuration, read once at start-up (immutable).
 *
 * @param dataDir             where the store, the local CA and the admin token live
 * @param host                the address every listener binds to
 * @param acmePort            the ACME HTTPS port; 0 picks a free one
 * @param adminPort           the admin API port (loopback, bearer token); 0 picks a free one
 * @param publicBaseUrl       the base URL clients use when it differs from https://host:port (a proxy);
 *                            null to derive it from the bound address
 * @param termsOfService      the terms-of-service URL put in the directory, or null for none
 * @param eabRequired         whether newAccount must carry an External Account Binding (RFC 8555 §7.3.4)
 * @param certificateLifetime the lifetime of certificates from the local CA
 * @param openSuffixes        DNS suffixes any account may have without EAB (the embedded default policy)
 */
public record GatewayConfig(Path dataDir, String host, int acmePort, int adminPort, URI publicBaseUrl,
                            URI termsOfService, boolean eabRequired, Duration certificateLifetime,
                            List<String> openSuffixes) {

    public static final int DEFAULT_ACME_PORT = 14443;
    public static final int DEFAULT_ADMIN_PORT = 14444;

    public GatewayConfig {
        openSuffixes = List.copyOf(openSuffixes);
    }

    public static GatewayConfig embeddedDefault() {
        return new GatewayConfig(Path.of("data"), "127.0.0.1", DEFAULT_ACME_PORT, DEFAULT_ADMIN_PORT, null,
                null, false, Duration.ofDays(90), List.of("test", "localhost"));
    }

    public Path storeFile() {
        return dataDir.resolve("acmegate.mapdb");
    }

    public Path caDir() {
        return dataDir.resolve("ca");
    }

    public Path adminTokenFile() {
        return dataDir.resolve("admin.token");
    }

    /** Written while serve runs, so that other commands on the same data directory talk to it. */
    public Path adminUrlFile() {
        return dataDir.resolve("admin.url");
    }
}
