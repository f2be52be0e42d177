package io.acmegate.gateway.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.config.GatewayConfig;
import io.acmegate.gateway.delegation.DelegationCheck;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.SimpleResolver;

/**
 * {@code acmegate delegation add|check DOMAIN}: the CNAME a domain owner creates once so that acmegate
 * answers dns-01 for the domain, and whether the DNS says it is in place.
 */
final class DelegationCommand {
    private static final String USAGE = "usage: acmegate delegation add|check DOMAIN [--data DIR] [--dns-zone ZONE]"
            + " [--resolver HOST[:PORT]]";

    private DelegationCommand() {
    }

    static int run(List<String> args, PrintStream out) {
        if (args.size() < 2 || !List.of("add", "check").contains(args.get(0)) || args.get(1).startsWith("--")) {
            throw new UsageException(USAGE);
        }
        String action = args.get(0);
        String domain = args.get(1);
        Options o = Options.parse(args.subList(2, args.size()), Set.of("data", "dns-zone", "resolver"), Set.of(),
                "delegation " + action);
        GatewayConfig d = GatewayConfig.embeddedDefault();
        GatewayConfig config = d.withDataDir(Path.of(o.get("data", "data")).toAbsolutePath().normalize())
                .withDelegation(new GatewayConfig.Delegation(o.get("dns-zone", d.delegation().zone()), null, List.of()));
        ObjectNode request = AcmeJson.object().put("domain", domain);
        if (action.equals("add")) {
            ObjectNode added = AdminAccess.run(config, "delegations", request, "delegation add");
            out.println("record: " + added.path("record").asText());
            out.println("label: " + added.path("label").asText());
            return 0;
        }
        ObjectNode found = AdminAccess.run(config, "delegations/find", request, "delegation check");
        DelegationCheck.Result result = DelegationCheck.check(found.path("domain").asText(),
                found.path("target").asText(), resolver(o.get("resolver", null)));
        out.println((result.ok() ? "ok: " : "not delegated: ") + result.message());
        return result.ok() ? 0 : 1;
    }

    /** The system resolver by default; a named one (a test's unbound, a specific recursive server) on request. */
    private static SimpleResolver resolver(String hostPort) {
        if (hostPort == null) {
            return null;
        }
        try {
            int colon = hostPort.lastIndexOf(':');
            boolean hasPort = colon > 0 && hostPort.indexOf(':') == colon;
            SimpleResolver resolver = new SimpleResolver(hasPort ? hostPort.substring(0, colon) : hostPort);
            if (hasPort) {
                resolver.setPort(Integer.parseInt(hostPort.substring(colon + 1)));
            }
            return resolver;
        } catch (java.io.IOException | NumberFormatException e) {
            throw new UsageException("--resolver must be HOST or HOST:PORT, not '" + hostPort + "'");
        }
    }
}
