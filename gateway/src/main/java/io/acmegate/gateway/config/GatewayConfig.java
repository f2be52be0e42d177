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
 * @param ports               the listeners' ports
 * @param publicBaseUrl       the base URL clients use when it differs from https://host:port (a proxy);
 *                            null to derive it from the bound address
 * @param termsOfService      the terms-of-service URL put in the directory, or null for none
 * @param eabRequired         whether newAccount must carry an External Account Binding (RFC 8555 §7.3.4)
 * @param certificateLifetime the lifetime of certificates from the local CA
 * @param policy              open and validated names, how validation connects, certificate profiles
 * @param delegation          the delegation zone and who may register in it through the acme-dns API
 * @param upstreams           the upstream CA accounts and their routing
 * @param secretKeyFile       the file holding the key that seals stored secrets (outside the data directory),
 *                            or null to take it from ACMEGATE_SECRET_KEY, if set
 * @param status              renewal status: sweep and probe intervals, notifiers
 */
public record GatewayConfig(Path dataDir, String host, Ports ports, URI publicBaseUrl, URI termsOfService,
                            boolean eabRequired, Duration certificateLifetime, PolicyConfig policy,
                            Delegation delegation, UpstreamsConfig upstreams, Path secretKeyFile,
                            StatusConfig status) {

    /** Port 0 picks a free port. The defaults keep clear of Pebble's (14000, 15000, 5001, 5002, 8053, 8055). */
    public record Ports(int acme, int admin, int acmeDns, int dns, int http01) {
        public static final Ports DEFAULTS = new Ports(14443, 14444, 14445, 14053, 14080);
        public static final Ports ANY_FREE = new Ports(0, 0, 0, 0, 0);
    }

    /**
     * @param zone              the zone the DNS responder serves, e.g. acme.gw.example.net
     * @param registrationToken required to register with the acme-dns API, or null for open registration
     * @param allowedDomains    name patterns an acme-dns registration may name; empty for no limit
     */
    public record Delegation(String zone, String registrationToken, List<String> allowedDomains) {
        public Delegation {
            allowedDomains = List.copyOf(allowedDomains);
        }

        /** A zone under .test: nothing real can delegate to it, which is right for a local default. */
        public static final Delegation DEFAULT = new Delegation("acme.gateway.test", null, List.of());

        public String nameServer() {
            return "ns." + zone;
        }
    }

    public static GatewayConfig embeddedDefault() {
        return new GatewayConfig(Path.of("data"), "127.0.0.1", Ports.DEFAULTS, null, null, false,
                Duration.ofDays(90), PolicyConfig.embeddedDefault(), Delegation.DEFAULT, UpstreamsConfig.embeddedDefault(),
                null, StatusConfig.DEFAULT);
    }

    /** The embedded default on another data directory and on free ports: for tests. */
    public static GatewayConfig forTests(Path dataDir) {
        GatewayConfig d = embeddedDefault();
        return new GatewayConfig(dataDir, d.host, Ports.ANY_FREE, null, null, false, d.certificateLifetime,
                d.policy, d.delegation, d.upstreams, null, d.status);
    }

    public GatewayConfig withDataDir(Path dir) {
        return new GatewayConfig(dir, host, ports, publicBaseUrl, termsOfService, eabRequired, certificateLifetime,
                policy, delegation, upstreams, secretKeyFile, status);
    }

    public GatewayConfig withDelegation(Delegation next) {
        return new GatewayConfig(dataDir, host, ports, publicBaseUrl, termsOfService, eabRequired, certificateLifetime,
                policy, next, upstreams, secretKeyFile, status);
    }

    public GatewayConfig withUpstreams(UpstreamsConfig next, Path keyFile) {
        return new GatewayConfig(dataDir, host, ports, publicBaseUrl, termsOfService, eabRequired, certificateLifetime,
                policy, delegation, next, keyFile, status);
    }

    public GatewayConfig withPolicy(PolicyConfig next) {
        return new GatewayConfig(dataDir, host, ports, publicBaseUrl, termsOfService, eabRequired, certificateLifetime,
                next, delegation, upstreams, secretKeyFile, status);
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

    /** The bearer token that reads the status API, the dashboard's data and the metrics. */
    public Path statusTokenFile() {
        return dataDir.resolve("status.token");
    }

    /** Written while serve runs, so that other commands on the same data directory talk to it. */
    public Path adminUrlFile() {
        return dataDir.resolve("admin.url");
    }
}
