package io.acmegate.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.config.GatewayConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code acmegate audit}: one line per event: time, kind, outcome, upstream, names, reason. */
final class AuditCommand {
    private AuditCommand() {
    }

    static int run(List<String> args, PrintStream out) {
        Options o = Options.parse(args, Set.of("name", "limit", "data"), Set.of(), "audit");
        ObjectNode request = AcmeJson.object().put("name", o.get("name", ""));
        try {
            request.put("limit", Integer.parseInt(o.get("limit", "50")));
        } catch (NumberFormatException e) {
            throw new UsageException("audit: --limit must be a number");
        }
        GatewayConfig config = GatewayConfig.embeddedDefault()
                .withDataDir(Path.of(o.get("data", "data")).toAbsolutePath().normalize());
        for (JsonNode e : AdminAccess.run(config, "audit", request, "audit").path("events")) {
            out.println(String.join("  ", e.path("at").asText(), e.path("kind").asText(), e.path("outcome").asText(),
                    e.path("upstream").asText(), e.path("names").toString(), "from " + e.path("source").asText(),
                    e.path("reason").asText()));
        }
        return 0;
    }
}
