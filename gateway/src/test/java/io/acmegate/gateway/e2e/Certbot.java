package io.acmegate.gateway.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's certbot (2.1) against one gateway, with all its state under one directory.
 *
 * <p>It authenticates with {@code --manual} and an auth hook that only leaves a marker file: the gateway creates
 * authorizations already valid, so certbot must never run the hook ({@link #authHookRan()}).
 */
public final class Certbot {

    private final Path home;
    private final GatewayProcess gateway;

    public Certbot(Path home, GatewayProcess gateway) {
        this.home = home;
        this.gateway = gateway;
    }

    /**
     * {@code certbot certonly} for {@code domains} under {@code certName}; registers an account first if none
     * exists, bound to {@code eab} unless it is null (names the gateway's policy opens to every account).
     */
    public ToolRun certonly(String certName, EabCredentials eab, String... domains) {
        List<String> command = new ArrayList<>(List.of("certbot", "certonly"));
        command.addAll(commonOptions());
        command.addAll(List.of("--agree-tos", "--email", "admin@example.test"));
        if (eab != null) {
            command.addAll(List.of("--eab-kid", eab.keyId(), "--eab-hmac-key", eab.hmacKey()));
        }
        command.addAll(List.of("--manual", "--manual-auth-hook", "touch " + hookMarker(),
                "--cert-name", certName));
        for (String domain : domains) {
            command.addAll(List.of("-d", domain));
        }
        return tool(command).run();
    }

    /** {@code certbot renew --force-renewal} for every lineage, without the random sleep. */
    public ToolRun renew() {
        List<String> command = new ArrayList<>(List.of("certbot", "renew"));
        command.addAll(commonOptions());
        command.addAll(List.of("--force-renewal", "--no-random-sleep-on-renew"));
        return tool(command).run();
    }

    /** {@code certbot revoke} of the lineage's current certificate, keeping its files. */
    public ToolRun revoke(String certName) {
        List<String> command = new ArrayList<>(List.of("certbot", "revoke"));
        command.addAll(commonOptions());
        command.addAll(List.of("--cert-name", certName, "--no-delete-after-revoke"));
        return tool(command).run();
    }

    /** The lineage's current files: cert.pem (leaf), chain.pem (intermediates), fullchain.pem, privkey.pem. */
    public Path live(String certName) {
        return home.resolve("config/live").resolve(certName);
    }

    /**
     * certbot's debug log of its last run: certbot 2.1 on Debian prints an ACME error as
     * "AttributeError: can't set attribute" (a josepy incompatibility), so the problem document is only there.
     */
    public String lastLog() {
        try {
            Path log = home.resolve("logs/letsencrypt.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether certbot ever asked to solve a challenge. */
    public boolean authHookRan() {
        return Files.exists(hookMarker());
    }

    private Path hookMarker() {
        return home.resolve("auth-hook-ran");
    }

    private List<String> commonOptions() {
        return List.of("--non-interactive",
                "--config-dir", home.resolve("config").toString(),
                "--work-dir", home.resolve("work").toString(),
                "--logs-dir", home.resolve("logs").toString(),
                "--server", gateway.directory().toString());
    }

    private Tool tool(List<String> command) {
        String root = gateway.rootCertificate().toString();
        // python-requests reads REQUESTS_CA_BUNDLE, then CURL_CA_BUNDLE; this machine exports both globally.
        return Tool.command(command).env("REQUESTS_CA_BUNDLE", root).env("CURL_CA_BUNDLE", root).in(home);
    }
}
