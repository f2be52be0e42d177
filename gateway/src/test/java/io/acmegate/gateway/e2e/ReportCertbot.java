package io.acmegate.gateway.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Debian's certbot talking straight to a CA (not through the gateway), with a deploy hook: a host that gets its
 * certificates elsewhere and reports them to acmegate. All its state lives under one directory.
 *
 * <p>It authenticates with {@code --manual} and an auth hook that does nothing, so the CA must accept the
 * challenges without checking them (Pebble with {@code PEBBLE_VA_ALWAYS_VALID=1}).
 */
final class ReportCertbot {

    private final Path home;
    private final String directoryUrl;
    private final Path caTrust;
    private final Map<String, String> hookEnvironment = new LinkedHashMap<>();

    /**
     * @param directoryUrl the CA's ACME directory
     * @param caTrust      the CA certificate (PEM) that issued the ACME server's HTTPS certificate
     */
    ReportCertbot(Path home, String directoryUrl, Path caTrust) {
        this.home = home;
        this.directoryUrl = directoryUrl;
        this.caTrust = caTrust;
    }

    /** Sets an environment variable for certbot, and so for the hooks it runs. */
    ReportCertbot env(String name, String value) {
        hookEnvironment.put(name, value);
        return this;
    }

    /**
     * {@code certbot certonly} for {@code domains} under {@code certName}; certbot runs {@code deployHook} (a shell
     * command, e.g. a script's absolute path) after issuing, and saves it with the lineage for renewals.
     */
    ToolRun certonly(String certName, String deployHook, String... domains) {
        List<String> command = new ArrayList<>(List.of("certbot", "certonly"));
        command.addAll(commonOptions());
        command.addAll(List.of("--agree-tos", "--register-unsafely-without-email",
                "--manual", "--preferred-challenges", "http", "--manual-auth-hook", "true",
                "--deploy-hook", deployHook, "--cert-name", certName));
        for (String domain : domains) {
            command.addAll(List.of("-d", domain));
        }
        return tool(command).run();
    }

    /** {@code certbot renew --force-renewal}: runs the deploy hook saved with each lineage again. */
    ToolRun renew() {
        List<String> command = new ArrayList<>(List.of("certbot", "renew"));
        command.addAll(commonOptions());
        command.addAll(List.of("--force-renewal", "--no-random-sleep-on-renew"));
        return tool(command).run();
    }

    /** The lineage's current files: cert.pem, chain.pem, fullchain.pem, privkey.pem. */
    Path live(String certName) {
        return home.resolve("config/live").resolve(certName);
    }

    /** certbot's debug log of its runs, where it also records what hooks printed. */
    String log() {
        try {
            Path log = home.resolve("logs/letsencrypt.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> commonOptions() {
        return List.of("--non-interactive",
                "--config-dir", home.resolve("config").toString(),
                "--work-dir", home.resolve("work").toString(),
                "--logs-dir", home.resolve("logs").toString(),
                "--server", directoryUrl);
    }

    private Tool tool(List<String> command) {
        // python-requests reads REQUESTS_CA_BUNDLE, then CURL_CA_BUNDLE; this machine exports both globally.
        Tool tool = Tool.command(command).env("REQUESTS_CA_BUNDLE", caTrust.toString())
                .env("CURL_CA_BUNDLE", caTrust.toString()).in(home);
        hookEnvironment.forEach(tool::env);
        return tool;
    }
}
