package io.acmegate.gateway;

import io.acmegate.gateway.acme.AcmeService;
import io.acmegate.gateway.acme.AcmeUrls;
import io.acmegate.gateway.acme.jws.NonceService;
import io.acmegate.gateway.admin.AdminService;
import io.acmegate.gateway.admin.AdminToken;
import io.acmegate.gateway.ca.LocalCa;
import io.acmegate.gateway.ca.ServerCredentials;
import io.acmegate.gateway.config.GatewayConfig;
import io.acmegate.gateway.issuance.IssuanceJobs;
import io.acmegate.gateway.issuance.OrderService;
import io.acmegate.gateway.issuance.RevocationService;
import io.acmegate.gateway.registration.AccountService;
import io.acmegate.gateway.registration.EabKeys;
import io.acmegate.gateway.store.MapDbStore;
import io.acmegate.gateway.store.Store;
import io.acmegate.policy.IssuancePolicy;
import io.helidon.common.tls.Tls;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One running gateway: the store, the local CA, the services and their listeners, assembled from the
 * configuration. {@link #close()} stops the listeners first, then the jobs, then the store.
 */
public final class Gateway implements AutoCloseable {
    /** How long finalize waits for a local issuance before answering "processing". */
    private static final Duration FINALIZE_WAIT = Duration.ofSeconds(2);
    private static final long ADMIN_MAX_BODY = 64 * 1024;

    private final Store store;
    private final IssuanceJobs jobs;
    private final WebServer acme;
    private final WebServer admin;
    private final AcmeUrls urls;
    private final LocalCa ca;
    private final int resumedJobs;

    private Gateway(Store store, IssuanceJobs jobs, WebServer acme, WebServer admin, AcmeUrls urls, LocalCa ca,
                    int resumedJobs) {
        this.store = store;
        this.jobs = jobs;
        this.acme = acme;
        this.admin = admin;
        this.urls = urls;
        this.ca = ca;
        this.resumedJobs = resumedJobs;
    }

    public static Gateway start(GatewayConfig config) {
        Clock clock = Clock.systemUTC();
        LocalCa ca = LocalCa.openOrCreate(config.caDir());
        Store store = MapDbStore.open(config.storeFile());
        try {
            int acmePort = config.acmePort() == 0 ? freePort(config.host()) : config.acmePort();
            AcmeUrls urls = new AcmeUrls(config.publicBaseUrl() != null ? config.publicBaseUrl().toString()
                    : "https://" + hostForUrl(config.host()) + ":" + acmePort);

            NonceService nonces = new NonceService(Duration.ofHours(1), 1_000_000);
            IssuanceJobs jobs = new IssuanceJobs(store, ca, config.certificateLifetime(), clock);
            IssuancePolicy policy = IssuancePolicy.of(config.openSuffixes());
            OrderService orders = new OrderService(store, policy, jobs, FINALIZE_WAIT, clock);
            AccountService accounts = new AccountService(store, config.termsOfService() != null,
                    config.eabRequired(), clock);
            AcmeService acmeService = new AcmeService(urls, nonces, store, accounts, orders,
                    new RevocationService(store, clock), config.termsOfService(), config.eabRequired(), clock);

            ServerCredentials tls = ca.serverCredentials(List.of("localhost"), serverAddresses(config.host()));
            WebServer acme = WebServer.builder()
                    .host(config.host())
                    .port(acmePort)
                    .tls(Tls.builder().privateKey(tls.privateKey()).privateKeyCertChain(tls.chain()).build())
                    // acmegate bounds bodies itself, so that an oversized one gets a problem document.
                    .maxPayloadSize(-1)
                    .routing(acmeService::routing)
                    .build()
                    .start();

            AdminService adminService = new AdminService(AdminToken.loadOrCreate(config.adminTokenFile()),
                    new EabKeys(store, clock));
            WebServer admin = WebServer.builder()
                    .host(config.host())
                    .port(config.adminPort())
                    .maxPayloadSize(ADMIN_MAX_BODY)
                    .routing(adminService::routing)
                    .build()
                    .start();
            int resumed = jobs.resumeAll().size();
            return new Gateway(store, jobs, acme, admin, urls, ca, resumed);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public URI directoryUrl() {
        return URI.create(urls.directory());
    }

    public URI adminUrl() {
        return URI.create("http://" + hostForUrl(admin.prototype().host()) + ":" + admin.port()
                + AdminService.PREFIX);
    }

    public Path rootCertificate() {
        return ca.rootCertificatePath().toAbsolutePath();
    }

    /** How many processing orders a previous process left, now being issued again. */
    public int resumedJobs() {
        return resumedJobs;
    }

    public Store store() {
        return store;
    }

    @Override
    public void close() {
        acme.stop();
        admin.stop();
        jobs.close();
        store.close();
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static List<InetAddress> serverAddresses(String host) {
        List<InetAddress> addresses = new ArrayList<>(List.of(InetAddress.getLoopbackAddress()));
        try {
            InetAddress bound = InetAddress.getByName(host);
            if (!addresses.contains(bound) && !bound.isAnyLocalAddress()) {
                addresses.add(bound);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot resolve --host " + host);
        }
        return addresses;
    }

    /** Port 0 means "any free port"; the ACME URLs must name the real one before the listener starts. */
    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(host, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + host, e);
        }
    }
}
