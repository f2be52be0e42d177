package io.acmegate.gateway.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.config.GatewayConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** {@code acmegate eab create --names ...}: creates an External Account Binding key for trusted clients. */
final class EabCommand {
    private EabCommand() {
    }

    static int run(List<String> args, PrintStream out) {
        if (args.isEmpty() || !args.get(0).equals("create")) {
            throw new UsageException("usage: acmegate eab create --names \"*.example.com,api.example.com\" "
                    + "[--label TEXT] [--data DIR]");
        }
        Options o = Options.parse(args.subList(1, args.size()), Set.of("names", "label", "data"), Set.of(),
                "eab create");
        if (!o.has("names")) {
            throw new UsageException("eab create: --names is required, e.g. --names \"*.example.com,api.example.com\"");
        }
        ObjectNode request = AcmeJson.object().put("label", o.get("label", ""));
        Arrays.stream(o.get("names", "").split(",")).map(String::trim).filter(n -> !n.isEmpty())
                .forEach(request.putArray("names")::add);
        GatewayConfig config = GatewayConfig.embeddedDefault()
                .withDataDir(Path.of(o.get("data", "data")).toAbsolutePath().normalize());
        ObjectNode key = AdminAccess.run(config, "eab-keys", request, "eab create");

        String kid = key.path("keyId").asText();
        String hmac = key.path("hmacKey").asText();
        List<String> names = new ArrayList<>();
        key.path("names").forEach(n -> names.add(n.asText()));
        out.println("eab-key-id: " + kid);
        out.println("eab-hmac-key: " + hmac);
        out.println("names: " + String.join(", ", names));
        out.println("certbot: --eab-kid " + kid + " --eab-hmac-key " + hmac);
        out.println("lego: --eab --kid " + kid + " --hmac " + hmac);
        out.println("acme.sh: --eab-kid " + kid + " --eab-hmac-key " + hmac);
        return 0;
    }
}
