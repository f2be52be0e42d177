package io.acmegate.gateway.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.config.GatewayConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The renewal-status commands: reissue, report-token create, endpoints. */
final class StatusCommands {
    private StatusCommands() {
    }

    /** {@code acmegate reissue --issuer CA | --names N,.. | --client ID}: mass re-issue (key compromise, distrust). */
    static int reissue(List<String> args, PrintStream out) {
        Options o = Options.parse(args, Set.of("issuer", "names", "client", "data"), Set.of(), "reissue");
        if (!o.has("issuer") && !o.has("names") && !o.has("client")) {
            throw new UsageException("usage: acmegate reissue [--issuer UPSTREAM] [--names \"example.com,...\"]"
                    + " [--client ID] [--data DIR] (at least one of them; lineages matching all are marked)");
        }
        ObjectNode request = AcmeJson.object().put("issuer", o.get("issuer", "")).put("client", o.get("client", ""));
        split(o.get("names", "")).forEach(request.putArray("names")::add);
        ObjectNode result = AdminAccess.run(config(o), "reissue", request, "reissue");
        out.println("marked: " + result.path("marked").asInt());
        out.println("lineages: " + String.join(",", texts(result, "lineages")));
        return 0;
    }

    /** {@code acmegate report-token create --client NAME}: a token for a client's certbot or acme.sh hook. */
    static int reportToken(List<String> args, PrintStream out) {
        if (args.isEmpty() || !args.get(0).equals("create")) {
            throw new UsageException("usage: acmegate report-token create --client NAME [--data DIR]");
        }
        Options o = Options.parse(args.subList(1, args.size()), Set.of("client", "data"), Set.of(),
                "report-token create");
        if (!o.has("client")) {
            throw new UsageException("report-token create: --client is required, e.g. --client web-01");
        }
        ObjectNode result = AdminAccess.run(config(o), "report-clients",
                AcmeJson.object().put("client", o.get("client", "")), "report-token create");
        out.println("client: " + result.path("client").asText());
        out.println("report-token: " + result.path("token").asText());
        return 0;
    }

    /** {@code acmegate endpoints --lineage ID --endpoints "host:port[/sni],..."}: where the deployment probe looks. */
    static int endpoints(List<String> args, PrintStream out) {
        Options o = Options.parse(args, Set.of("lineage", "endpoints", "data"), Set.of(), "endpoints");
        if (!o.has("lineage") || !o.has("endpoints")) {
            throw new UsageException("usage: acmegate endpoints --lineage ID --endpoints \"host:port[/sni],...\""
                    + " [--data DIR] (an empty list stops probing)");
        }
        ObjectNode request = AcmeJson.object().put("lineage", o.get("lineage", ""));
        var list = request.putArray("endpoints");
        split(o.get("endpoints", "")).forEach(list::add);
        ObjectNode result = AdminAccess.run(config(o), "lineage-endpoints", request, "endpoints");
        out.println("lineage: " + result.path("lineage").asText());
        out.println("endpoints: " + String.join(" ", texts(result, "endpoints")));
        return 0;
    }

    private static GatewayConfig config(Options o) {
        return GatewayConfig.embeddedDefault().withDataDir(Path.of(o.get("data", "data")).toAbsolutePath().normalize());
    }

    private static List<String> split(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> texts(ObjectNode json, String field) {
        List<String> values = new java.util.ArrayList<>();
        json.path(field).forEach(v -> values.add(v.asText()));
        return values;
    }
}
