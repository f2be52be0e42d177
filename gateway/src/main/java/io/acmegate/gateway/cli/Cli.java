package io.acmegate.gateway.cli;

import io.acmegate.gateway.store.StoreUnavailableException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/** The command line: {@code acmegate <command> [options]}. Errors are one line on stderr and exit 2. */
public final class Cli {
    static final String USAGE = """
            usage: acmegate <command> [options]
              serve        run the gateway (embedded defaults: ./data, local CA, 127.0.0.1:14443)
                           [--data DIR] [--host ADDR] [--acme-port N] [--admin-port N] [--public-url URL]
                           [--terms-of-service URL] [--eab-required] [--cert-days N]
                           [--acme-dns-port N] [--dns-port N] [--http01-port N] [--dns-zone ZONE]
                           [--acme-dns-registration-token TOKEN] [--acme-dns-allowed-domains PATTERNS]
                           [--config FILE (upstream CA accounts, status notifiers; YAML)] [--secret-key-file FILE]
                           [--cert-lifetime DURATION (instead of --cert-days, e.g. PT2M: renewal demos)]
              eab create   create an External Account Binding key for trusted clients
                           --names "*.example.com,api.example.com" [--label TEXT] [--data DIR]
              delegation add DOMAIN    print the _acme-challenge CNAME that delegates DOMAIN to acmegate
              delegation check DOMAIN  resolve that CNAME and say whether it points at acmegate
                           [--data DIR] [--dns-zone ZONE] [--resolver HOST[:PORT]]
              caa DOMAIN   the CAA records (RFC 8657 accounturi) that allow exactly the configured upstream
                           accounts, fallbacks included [--data DIR]; needs the running gateway
              audit        the audit trail, newest first: upstream attempts, issuances, refusals
                           [--name NAME] [--limit N] [--data DIR]
              reissue      mass re-issue: mark every lineage matching all of --issuer UPSTREAM,
                           --names "example.com,..." (and names under them), --client ID for renewal now;
                           ARI clients see a window in the past [--data DIR]
              report-token create --client NAME   a token for POST /status/report (certbot/acme.sh hooks)
              endpoints    where the deployment probe checks a lineage's certificate
                           --lineage ID --endpoints "host:port[/sni],..." [--data DIR]
              secret-key   print a new random key for sealing stored secrets: keep it outside the data
                           directory and pass it as ACMEGATE_SECRET_KEY or --secret-key-file
              help         show this text""";

    private Cli() {
    }

    public static int run(String[] argv, PrintStream out, PrintStream err) {
        List<String> args = Arrays.asList(argv);
        if (args.isEmpty() || List.of("help", "--help", "-h").contains(args.get(0))) {
            out.println(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (args.get(0)) {
                case "serve" -> ServeCommand.run(rest, out);
                case "eab" -> EabCommand.run(rest, out);
                case "delegation" -> DelegationCommand.run(rest, out);
                case "audit" -> AuditCommand.run(rest, out);
                case "caa" -> CaaCommand.run(rest, out);
                case "reissue" -> StatusCommands.reissue(rest, out);
                case "report-token" -> StatusCommands.reportToken(rest, out);
                case "endpoints" -> StatusCommands.endpoints(rest, out);
                case "secret-key" -> {
                    out.println(io.acmegate.gateway.secrets.SecretBox.newKeyBase64());
                    yield 0;
                }
                default -> throw new UsageException("unknown command '" + args.get(0)
                        + "'; run 'acmegate help' for the list");
            };
        } catch (UsageException | StoreUnavailableException | IllegalStateException | IllegalArgumentException
                 | UncheckedIOException e) {
            err.println("acmegate: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
