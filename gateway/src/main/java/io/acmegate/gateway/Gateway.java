package io.acmegate.gateway;

import io.acmegate.gateway.acme.AcmeService;
import io.acmegate.gateway.acme.AcmeUrls;
import io.acmegate.gateway.acme.jws.NonceService;
import io.acmegate.gateway.acmedns.AcmeDnsService;
import io.acmegate.gateway.acmedns.RegistrationPolicy;
import io.acmegate.gateway.admin.AdminOperations;
import io.acmegate.gateway.admin.AdminService;
import io.acmegate.gateway.admin.BearerToken;
import io.acmegate.gateway.config.PolicyConfig;
import io.acmegate.gateway.config.StatusConfig;
import io.acmegate.gateway.authz.ChallengeValidations;
import io.acmegate.gateway.validation.ChallengeChecks;
import io.acmegate.policy.CertificateProfiles;
import io.acmegate.gateway.metrics.GatewayMetrics;
import io.acmegate.gateway.status.CaWindowRefresh;
import io.acmegate.gateway.status.LineageBook;
import io.acmegate.gateway.status.StatusIndex;
import io.acmegate.gateway.status.StatusSweep;
import io.acmegate.gateway.status.http.StatusService;
import io.acmegate.gateway.status.notify.Notifications;
import io.acmegate.gateway.status.probe.DeploymentProbe;
import io.acmegate.gateway.status.probe.TlsProbe;
import io.acmegate.gateway.status.report.ReportClients;
import io.acmegate.gateway.ca.LocalCa;
import io.acmegate.gateway.ca.ServerCredentials;
import io.acmegate.gateway.challenge.ChallengeBoard;
import io.acmegate.gateway.config.GatewayConfig;
import io.acmegate.gateway.config.UpstreamsConfig;
import io.acmegate.gateway.delegation.DelegationZone;
import io.acmegate.gateway.delegation.Delegations;
import io.acmegate.gateway.issuance.IssuanceJobs;
import io.acmegate.gateway.issuance.OrderLimits;
import io.acmegate.gateway.issuance.OrderService;
import io.acmegate.gateway.issuance.RevocationService;
import io.acmegate.gateway.registration.AccountService;
import io.acmegate.gateway.registration.EabKeys;
import io.acmegate.gateway.store.MapDbStore;
import io.acmegate.gateway.store.Store;
import io.acmegate.gateway.upstream.CaFallback;
import io.acmegate.gateway.secrets.SecretBox;
import io.acmegate.gateway.upstream.UpstreamSetup;
import io.acmegate.policy.IssuancePolicy;
import io.acmegate.dns.DnsResponder;
import io.acmegate.dns.DnsResponderConfig;
import io.acmegate.dns.DnsZone;
import io.acmegate.http.Http01Responder;
import io.acmegate.http.HttpResponderConfig;
import io.acmegate.policy.LimitConfig;
import io.acmegate.policy.NameGrant;
import io.acmegate.policy.RateLimits;
import io.acmegate.policy.ValidationFailures;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One running gateway: the store, the local CA, the services and their listeners, assembled from the
 * configuration. {@link #close()} stops the listeners first, then the jobs, then the store.
 */
public final class Gateway implements AutoCloseable {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(Gateway.class.getName());
    /** How long finalize waits for a local issuance before answering "processing". */
    private static final Duration FINALIZE_WAIT = Duration.ofSeconds(2);
    private static final long ADMIN_MAX_BODY = 64 * 1024;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    private static final java.util.concurrent.atomic.AtomicBoolean MAPPER_MANAGER_SHARED =
            new java.util.concurrent.atomic.AtomicBoolean();

    private final Store store;
    private final IssuanceJobs jobs;
    private final ScheduledExecutorService housekeeping;
    private final List<AutoCloseable> listeners;
    private final Map<String, String> endpoints;
    private final LocalCa ca;
    private final Delegations delegations;
    private final int resumedJobs;
    private final Notifications notifications;
    private final Path statusTokenFile;

    private Gateway(Store store, IssuanceJobs jobs, ScheduledExecutorService housekeeping,
                    List<AutoCloseable> listeners, Map<String, String> endpoints, LocalCa ca,
                    Delegations delegations, int resumedJobs, Notifications notifications, Path statusTokenFile) {
        this.notifications = notifications;
        this.statusTokenFile = statusTokenFile;
        this.store = store;
        this.jobs = jobs;
        this.housekeeping = housekeeping;
        this.listeners = listeners;
        this.endpoints = endpoints;
        this.ca = ca;
        this.delegations = delegations;
        this.resumedJobs = resumedJobs;
    }

    public static Gateway start(GatewayConfig config) {
        shareOneMapperManager();
        Clock clock = Clock.systemUTC();
        LocalCa ca = LocalCa.openOrCreate(config.caDir());
        Store store = MapDbStore.open(config.storeFile());
        List<AutoCloseable> listeners = new ArrayList<>();
        Notifications notifications = null;
        try {
            GatewayConfig.Ports ports = config.ports();
            int acmePort = ports.acme() == 0 ? freePort(config.host()) : ports.acme();
            AcmeUrls urls = new AcmeUrls(config.publicBaseUrl() != null ? config.publicBaseUrl().toString()
                    : "https://" + hostForUrl(config.host()) + ":" + acmePort);

            NonceService nonces = new NonceService(Duration.ofHours(1), 1_000_000);
            PolicyConfig policyConfig = config.policy();
            IssuancePolicy policy;
            CertificateProfiles profiles;
            try {
                policy = IssuancePolicy.of(policyConfig.open(), policyConfig.validate());
                profiles = policyConfig.certificateProfiles(config.certificateLifetime());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("policy: " + e.getMessage());
            }
            ChallengeBoard board = new ChallengeBoard(store, clock);
            GatewayConfig.Delegation delegation = config.delegation();
            Delegations delegations = new Delegations(store, board,
                    new DelegationZone(delegation.zone(), delegation.nameServer()), clock);
            UpstreamsConfig.Limits limits = config.upstreams().limits();
            ValidationFailures failures = new ValidationFailures(limits.maxFailedValidations(), limits.failureWindow(),
                    limits.pause(), clock);
            SecretBox secrets = secrets(config);
            CaFallback fallback = UpstreamSetup.fallback(config.upstreams(), ca, profiles, store,
                    secrets, delegations, failures, clock);
            EabKeys eabKeys = new EabKeys(store, secrets, clock);
            StatusIndex statusIndex = StatusIndex.load(store);
            LineageBook lineages = new LineageBook(store, statusIndex, clock);
            GatewayMetrics metrics = new GatewayMetrics(statusIndex, clock);
            notifications = Notifications.from(config.status());
            IssuanceJobs jobs = new IssuanceJobs(store, fallback, lineages, metrics);
            OrderLimits orderLimits = new OrderLimits(new RateLimits(
                    LimitConfig.per(limits.perClient(), limits.perClientPeriod()),
                    LimitConfig.per(limits.perName(), limits.perNamePeriod()), clock), failures, clock);
            OrderService orders = new OrderService(store, policy, profiles, jobs, orderLimits, FINALIZE_WAIT, clock);
            ChallengeValidations validations = new ChallengeValidations(store,
                    ChallengeChecks.all(policyConfig.validation()), policyConfig.attempts(), policyConfig.pause(),
                    failures, clock);
            AccountService accounts = new AccountService(store, eabKeys, config.termsOfService() != null,
                    config.eabRequired(), clock);
            AcmeService acmeService = new AcmeService(urls, nonces, store, accounts, orders,
                    new RevocationService(store, fallback, lineages, clock), config.termsOfService(),
                    config.eabRequired(), profiles, validations, metrics, clock);
            AcmeDnsService acmeDns = new AcmeDnsService(store, delegations, board, new RegistrationPolicy(
                    delegation.registrationToken(), NameGrant.parse(delegation.allowedDomains())), clock);
            BearerToken adminToken = BearerToken.loadOrCreate(config.adminTokenFile());
            ReportClients reportClients = new ReportClients(store, clock);
            AdminService admin = new AdminService(adminToken,
                    new AdminOperations(eabKeys, delegations, store, fallback, () -> lineages, reportClients));
            StatusService status = new StatusService(store, lineages, reportClients, metrics,
                    List.of(BearerToken.loadOrCreate(config.statusTokenFile()), adminToken), clock);

            ServerCredentials tls = ca.serverCredentials(serverNames(config), serverAddresses(config.host()));
            Map<String, String> endpoints = new LinkedHashMap<>();
            WebServer acme = https(config.host(), acmePort, tls, routing -> {
                status.reportRouting(routing); // before the ACME routes, whose catch-all answers 404
                acmeService.routing(routing);
            });
            listeners.add(acme::stop);
            endpoints.put("acme-directory", urls.directory());
            WebServer adminServer = WebServer.builder().host(config.host()).port(ports.admin())
                    .maxPayloadSize(ADMIN_MAX_BODY)
                    // As on the ACME listener: without it a status page waits for the client's delayed ACK (~40 ms).
                    .connectionOptions(socket -> socket.tcpNoDelay(true))
                    .routing(routing -> {
                        admin.routing(routing);
                        status.routing(routing);
                    }).build().start();
            listeners.add(adminServer::stop);
            String adminBase = "http://" + hostForUrl(config.host()) + ":" + adminServer.port();
            endpoints.put("admin-api", adminBase + AdminService.PREFIX);
            endpoints.put("status-api", adminBase + StatusService.STATUS);
            endpoints.put("dashboard", adminBase + StatusService.DASHBOARD);
            endpoints.put("metrics", adminBase + StatusService.METRICS);
            WebServer acmeDnsServer = https(config.host(), ports.acmeDns(), tls, acmeDns::routing);
            listeners.add(acmeDnsServer::stop);
            endpoints.put("acme-dns-api", "https://" + hostForUrl(config.host()) + ":" + acmeDnsServer.port());
            endpoints.put("delegation-zone", delegation.zone());

            InetAddress bindAddress = InetAddress.getByName(config.host());
            DnsResponder dns = DnsResponder.start(DnsResponderConfig.of(
                    new InetSocketAddress(bindAddress, ports.dns()), List.of(zone(delegation, bindAddress))),
                    name -> {
                        List<String> values = board.txt(name);
                        if (!values.isEmpty()) {
                            metrics.challengeAnswered("dns");
                        }
                        return values;
                    });
            listeners.add(dns);
            endpoints.put("dns-responder", hostForUrl(config.host()) + ":" + dns.address().getPort());
            Http01Responder http01 = Http01Responder.start(HttpResponderConfig.defaults(
                    new InetSocketAddress(bindAddress, ports.http01())),
                    token -> {
                        java.util.Optional<String> answer = board.keyAuthorization(token);
                        answer.ifPresent(a -> metrics.challengeAnswered("http"));
                        return answer;
                    });
            listeners.add(http01);
            listeners.add(validations); // after the listeners: no response can start a job once it closes
            endpoints.put("http01-responder", "http://" + hostForUrl(config.host()) + ":" + http01.address().getPort());

            // Three threads: a slow deployment probe or CA window refresh (network) never holds up the sweeps.
            ScheduledExecutorService housekeeping = Executors.newScheduledThreadPool(3,
                    Thread.ofPlatform().daemon().name("acmegate-housekeeping-", 0).factory());
            StatusConfig statusConfig = config.status();
            every(housekeeping, Duration.ofMinutes(1), "challenge board sweep", board::sweep);
            StatusSweep sweep = new StatusSweep(lineages, store, notifications, clock);
            every(housekeeping, statusConfig.sweepInterval(), "status sweep", sweep::sweep);
            DeploymentProbe probe = new DeploymentProbe(lineages, store, new TlsProbe(PROBE_TIMEOUT), notifications,
                    clock);
            every(housekeeping, statusConfig.probeInterval(), "deployment probe", probe::probeAll);
            CaWindowRefresh refresh = new CaWindowRefresh(lineages, store, fallback, clock);
            every(housekeeping, statusConfig.caWindowInterval(), "renewal window refresh", refresh::refresh);
            int resumed = jobs.resumeAll().size();
            return new Gateway(store, jobs, housekeeping, listeners, endpoints, ca, delegations, resumed,
                    notifications, config.statusTokenFile());
        } catch (IOException e) {
            listeners.forEach(Gateway::closeQuietly);
            closeQuietly(notifications);
            store.close();
            throw new IllegalArgumentException("cannot resolve --host " + config.host());
        } catch (RuntimeException e) {
            listeners.forEach(Gateway::closeQuietly);
            closeQuietly(notifications);
            store.close();
            throw e;
        }
    }

    /**
     * Runs a task every {@code interval} on the housekeeping threads. A failure is logged and the task runs again at
     * the next tick: a scheduled task that throws is otherwise never run again.
     */
    private static void every(ScheduledExecutorService housekeeping, Duration interval, String what, Runnable task) {
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(java.util.logging.Level.WARNING, what + " failed", e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The key that seals stored secrets: from the configured file, else ACMEGATE_SECRET_KEY, else null. */
    public static SecretBox secrets(GatewayConfig config) {
        if (config.secretKeyFile() != null) {
            return SecretBox.fromFile(config.secretKeyFile());
        }
        String fromEnvironment = System.getenv("ACMEGATE_SECRET_KEY");
        return fromEnvironment == null || fromEnvironment.isBlank() ? null : SecretBox.fromBase64(fromEnvironment);
    }

    /**
     * The delegation zone as the DNS responder serves it: its name server is the responder itself, with
     * the bound address as glue (a wildcard bind has no single address: loopback stands in).
     */
    private static DnsZone zone(GatewayConfig.Delegation delegation, InetAddress bound) {
        InetAddress glue = bound.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bound;
        return DnsZone.of(delegation.zone(), List.of(new DnsZone.NameServer(delegation.nameServer(), List.of(glue))),
                "hostmaster." + delegation.zone());
    }

    /**
     * Helidon 4.4 looks its global MapperManager up in the service registry, which builds a new one, every time a
     * typed header value is read (Content-Length, on every request): about 5 % of the gateway's CPU under load.
     * Set once per JVM, before anything asks the registry for one (Main calls this first), the lookup is a field read.
     */
    static void shareOneMapperManager() {
        if (MAPPER_MANAGER_SHARED.compareAndSet(false, true)) {
            io.helidon.common.mapper.MapperManager.global(io.helidon.common.mapper.MapperManager.create());
        }
    }

    private static WebServer https(String host, int port, ServerCredentials tls,
                                   Consumer<io.helidon.webserver.http.HttpRouting.Builder> routing) {
        return WebServer.builder()
                .host(host)
                .port(port)
                .tls(Tls.builder().privateKey(tls.privateKey()).privateKeyCertChain(tls.chain()).build())
                // Handlers bound bodies themselves, so that an oversized one gets a proper error document.
                .maxPayloadSize(-1)
                // Without it, Nagle's algorithm holds a response's last TLS record until the client's
                // delayed ACK: tens of milliseconds per request.
                .connectionOptions(socket -> socket.tcpNoDelay(true))
                .routing(routing)
                .build()
                .start();
    }

    /** Every endpoint, label to URL or address, in the order `serve` prints them (the ACME directory first). */
    public Map<String, String> endpoints() {
        return java.util.Collections.unmodifiableMap(endpoints);
    }

    public URI directoryUrl() {
        return URI.create(endpoints.get("acme-directory"));
    }

    public URI adminUrl() {
        return URI.create(endpoints.get("admin-api"));
    }

    public Path rootCertificate() {
        return ca.rootCertificatePath().toAbsolutePath();
    }

    public Delegations delegations() {
        return delegations;
    }

    /** How many processing orders a previous process left, now being issued again. */
    public int resumedJobs() {
        return resumedJobs;
    }

    /** The file holding the bearer token of the status API. */
    public Path statusTokenFile() {
        return statusTokenFile.toAbsolutePath();
    }

    public Store store() {
        return store;
    }

    @Override
    public void close() {
        listeners.forEach(Gateway::closeQuietly);
        housekeeping.shutdownNow();
        notifications.close();
        jobs.close();
        store.close();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Stopping anyway: nothing to do about a listener that fails to stop.
        }
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static List<String> serverNames(GatewayConfig config) {
        List<String> names = new ArrayList<>(List.of("localhost"));
        for (String host : new String[] {config.host(),
                config.publicBaseUrl() == null ? null : config.publicBaseUrl().getHost()}) {
            if (host != null && !host.matches("[0-9.]+|.*:.*") && !names.contains(host)) {
                names.add(host);
            }
        }
        return names;
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
