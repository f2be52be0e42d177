package io.acmegate.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.acmegate.gateway.Gateway;
import io.acmegate.gateway.config.ConfigFile;
import io.acmegate.gateway.config.GatewayConfig;
import io.acmegate.gateway.config.PolicyConfig;
import io.acmegate.gateway.config.StatusConfig;
import io.acmegate.gateway.config.UpstreamsConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** {@code acmegate serve}: runs the gateway until it is stopped (SIGTERM or Ctrl-C). */
final class ServeCommand {
    static final Set<String> OPTIONS = Set.of("data", "host", "acme-port", "admin-port", "acme-dns-port", "dns-port",
            "http01-port", "public-url", "terms-of-service", "eab-required", "cert-days", "dns-zone",
            "acme-dns-registration-token", "acme-dns-allowed-domains", "config", "secret-key-file", "cert-lifetime");

    private ServeCommand() {
    }

    static GatewayConfig config(Options o) {
        GatewayConfig d = GatewayConfig.embeddedDefault();
        int days;
        try {
            days = Integer.parseInt(o.get("cert-days", "90"));
        } catch (NumberFormatException e) {
            throw new UsageException("--cert-days must be a whole number of days");
        }
        if (days < 1 || days > 398) {
            throw new UsageException("--cert-days must be from 1 to 398 (the CA/Browser Forum maximum)");
        }
        Path dataDir = Path.of(o.get("data", d.dataDir().toString())).toAbsolutePath().normalize();
        GatewayConfig.Ports p = d.ports();
        GatewayConfig.Ports ports = new GatewayConfig.Ports(o.port("acme-port", p.acme()),
                o.port("admin-port", p.admin()), o.port("acme-dns-port", p.acmeDns()), o.port("dns-port", p.dns()),
                o.port("http01-port", p.http01()));
        Duration lifetime = lifetime(o, days);
        ConfigSections config = configFile(o);
        return new GatewayConfig(dataDir, o.get("host", d.host()), ports, url(o, "public-url"),
                url(o, "terms-of-service"), o.has("eab-required"), lifetime, config.policy(),
                delegation(o, d.delegation()), config.upstreams(), secretKeyFile(o, dataDir), config.status());
    }

    /**
     * --cert-days, or --cert-lifetime (an ISO-8601 duration such as PT2M) for demonstrations and tests of renewal:
     * a certificate that lives minutes goes through its whole renewal status in minutes.
     */
    private static Duration lifetime(Options o, int days) {
        String text = o.get("cert-lifetime", null);
        if (text == null) {
            return Duration.ofDays(days);
        }
        if (o.has("cert-days")) {
            throw new UsageException("give --cert-days or --cert-lifetime, not both");
        }
        try {
            Duration lifetime = Duration.parse(text);
            if (lifetime.compareTo(Duration.ofSeconds(10)) < 0 || lifetime.compareTo(Duration.ofDays(398)) > 0) {
                throw new UsageException("--cert-lifetime must be from PT10S to P398D");
            }
            return lifetime;
        } catch (java.time.format.DateTimeParseException e) {
            throw new UsageException("--cert-lifetime must be an ISO-8601 duration such as PT2M or P90D");
        }
    }

    private record ConfigSections(PolicyConfig policy, UpstreamsConfig upstreams, StatusConfig status) {
    }

    /** The sections of the --config file, read once; the embedded defaults without one. */
    private static ConfigSections configFile(Options o) {
        String file = o.get("config", null);
        if (file == null) {
            return new ConfigSections(PolicyConfig.embeddedDefault(), UpstreamsConfig.embeddedDefault(),
                    StatusConfig.DEFAULT);
        }
        try {
            Path path = Path.of(file);
            JsonNode root = ConfigFile.read(path);
            return new ConfigSections(PolicyConfig.from(root), UpstreamsConfig.from(root, path.toString()),
                    StatusConfig.from(root));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--config " + file + ": " + e.getMessage());
        }
    }

    /** DESIGN: the key that seals stored secrets comes from outside the data directory. */
    private static Path secretKeyFile(Options o, Path dataDir) {
        String file = o.get("secret-key-file", null);
        if (file == null) {
            return null;
        }
        Path path = Path.of(file).toAbsolutePath().normalize();
        if (path.startsWith(dataDir)) {
            throw new UsageException("--secret-key-file must be outside the data directory " + dataDir
                    + ": a copy of the data directory must not carry its own key");
        }
        return path;
    }

    private static GatewayConfig.Delegation delegation(Options o, GatewayConfig.Delegation d) {
        String zone = o.get("dns-zone", d.zone()).toLowerCase(java.util.Locale.ROOT);
        if (io.acmegate.policy.DnsNameSyntax.problem(zone).isPresent() || zone.startsWith("*.")) {
            throw new UsageException("--dns-zone must be a DNS name such as acme.gw.example.net, not '" + zone + "'");
        }
        List<String> allowed = java.util.Arrays.stream(o.get("acme-dns-allowed-domains", "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        try {
            io.acmegate.policy.NameGrant.parse(allowed);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--acme-dns-allowed-domains: " + e.getMessage());
        }
        return new GatewayConfig.Delegation(zone, o.get("acme-dns-registration-token", null), allowed);
    }

    private static URI url(Options o, String name) {
        String text = o.get(name, null);
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new URISyntaxException(text, "not an absolute URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException("--" + name + " must be an absolute URL, not '" + text + "'");
        }
    }

    static int run(List<String> args, PrintStream out) throws InterruptedException {
        GatewayConfig config = config(Options.parse(args, OPTIONS, Set.of("eab-required"), "serve"));
        Gateway gateway = Gateway.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Path adminUrlFile = config.adminUrlFile();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(adminUrlFile);
            } catch (IOException ignored) {
                // A stale file is harmless: the command line falls back to the store when nobody answers.
            }
            gateway.close();
            stopped.countDown();
        }, "acmegate-shutdown"));
        try {
            Files.writeString(adminUrlFile, gateway.adminUrl() + "\n");
        } catch (IOException e) {
            throw new UsageException("cannot write " + adminUrlFile + ": " + e.getMessage());
        }
        printEndpoints(out, gateway, config);
        stopped.await();
        return 0;
    }

    /** One line per endpoint, "label: value", labels stable for scripts; "ready" last. */
    static void printEndpoints(PrintStream out, Gateway gateway, GatewayConfig config) {
        Path root = gateway.rootCertificate();
        gateway.endpoints().forEach((label, value) -> out.println(label + ": " + value));
        out.println("root-certificate: " + root);
        out.println("status-token: " + gateway.statusTokenFile());
        // certbot's own state beside the data directory, so that the line works as printed without root.
        Path certbotDir = config.dataDir().resolveSibling("certbot");
        out.println("certbot: REQUESTS_CA_BUNDLE=" + root + " certbot certonly --server " + gateway.directoryUrl()
                + " --standalone --non-interactive --agree-tos --register-unsafely-without-email"
                + " --config-dir " + certbotDir + " --work-dir " + certbotDir.resolve("work")
                + " --logs-dir " + certbotDir.resolve("logs") + " -d demo.example.test");
        if (gateway.resumedJobs() > 0) {
            out.println("resumed-orders: " + gateway.resumedJobs());
        }
        out.println("ready");
        out.flush();
    }
}
