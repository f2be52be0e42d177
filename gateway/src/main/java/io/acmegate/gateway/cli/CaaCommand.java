package io.acmegate.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.config.GatewayConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code acmegate caa DOMAIN}: prints the CAA records to put in the domain's zone, one per line. */
final class CaaCommand {
    private CaaCommand() {
    }

    static int run(List<String> args, PrintStream out) {
        if (args.isEmpty() || args.get(0).startsWith("--")) {
            throw new UsageException("usage: acmegate caa DOMAIN [--data DIR]");
        }
        Options o = Options.parse(args.subList(1, args.size()), Set.of("data"), Set.of(), "caa");
        GatewayConfig config = GatewayConfig.embeddedDefault()
                .withDataDir(Path.of(o.get("data", "data")).toAbsolutePath().normalize());
        JsonNode records = AdminAccess.run(config, "caa", AcmeJson.object().put("domain", args.get(0)), "caa")
                .path("records");
        if (records.isEmpty()) {
            out.println("# no configured upstream CA publishes CAA identities (caaIdentities in its directory):"
                    + " no record to add");
        }
        records.forEach(r -> out.println(r.asText()));
        return 0;
    }
}
