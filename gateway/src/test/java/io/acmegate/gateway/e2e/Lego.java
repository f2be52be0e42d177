package io.acmegate.gateway.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's lego (4.9.1) against one gateway, with an account bound to one EAB key and all its state under one
 * directory. The HTTP-01 solver is configured on a free loopback port; with the gateway's valid authorizations
 * lego never starts it.
 */
public final class Lego {

    private final Path home;
    private final GatewayProcess gateway;
    private final EabCredentials eab;
    private final int httpPort = LoopbackPorts.tcp();

    /** @param eab the key to bind the account to, or null for none (names the gateway's policy opens to every account) */
    public Lego(Path home, GatewayProcess gateway, EabCredentials eab) {
        this.home = home;
        this.gateway = gateway;
        this.eab = eab;
    }

    /** {@code lego run}: registers the account if needed and obtains a certificate for {@code domains}. */
    public ToolRun run(String... domains) {
        return tool(domains, "run").run();
    }

    /** {@code lego renew} now, whatever the certificate's remaining lifetime. */
    public ToolRun renew(String... domains) {
        // lego renews only when fewer than --days days remain: a number beyond any lifetime forces it.
        return tool(domains, "renew", "--days", "100000", "--no-random-sleep").run();
    }

    /**
     * {@code lego revoke --keep} of the certificate stored under {@code domain}, the first domain it was
     * obtained for (lego revokes one stored certificate per --domains value).
     */
    public ToolRun revoke(String domain) {
        return tool(new String[] {domain}, "revoke", "--keep").run();
    }

    /** The certificate bundle lego stored for its first domain: leaf followed by the issuer chain. */
    public Path bundle(String firstDomain) {
        return home.resolve("certificates").resolve(firstDomain.replace('*', '_') + ".crt");
    }

    /** The issuer chain lego stored for its first domain. */
    public Path issuer(String firstDomain) {
        return home.resolve("certificates").resolve(firstDomain.replace('*', '_') + ".issuer.crt");
    }

    private Tool tool(String[] domains, String... action) {
        List<String> command = new ArrayList<>(List.of("lego",
                "--server", gateway.directory().toString(),
                "--email", "e@example.test", "--accept-tos"));
        if (eab != null) {
            command.addAll(List.of("--eab", "--kid", eab.keyId(), "--hmac", eab.hmacKey()));
        }
        command.addAll(List.of("--path", home.toString(), "--http", "--http.port", "127.0.0.1:" + httpPort));
        for (String domain : domains) {
            command.addAll(List.of("--domains", domain));
        }
        command.addAll(List.of(action));
        String root = gateway.rootCertificate().toString();
        // LEGO_CA_CERTIFICATES replaces the system pool; SSL_CERT_FILE is exported globally on this machine.
        return Tool.command(command).env("LEGO_CA_CERTIFICATES", root).env("SSL_CERT_FILE", root).in(home);
    }
}
