package io.acmegate.gateway.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.admin.AdminService;
import io.acmegate.gateway.admin.AdminToken;
import io.acmegate.gateway.config.GatewayConfig;
import io.acmegate.gateway.registration.EabKeys;
import io.acmegate.gateway.store.MapDbStore;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code acmegate eab create --names ...}: creates an External Account Binding key. While the gateway
 * runs on the same data directory it holds the store, so the key is created through its admin API;
 * otherwise directly in the store.
 */
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
        List<String> names = Arrays.stream(o.get("names", "").split(",")).map(String::trim)
                .filter(n -> !n.isEmpty()).toList();
        Path dataDir = Path.of(o.get("data", GatewayConfig.embeddedDefault().dataDir().toString()));
        GatewayConfig config = GatewayConfig.embeddedDefault().withDataDir(dataDir);
        ObjectNode key = createThroughRunningGateway(config, names, o.get("label", ""));
        if (key == null) {
            key = createInStore(config, names, o.get("label", ""));
        }
        print(out, key);
        return 0;
    }

    private static ObjectNode createThroughRunningGateway(GatewayConfig config, List<String> names, String label) {
        Path urlFile = config.adminUrlFile();
        if (!Files.exists(urlFile)) {
            return null;
        }
        try {
            URI url = URI.create(Files.readString(urlFile).trim() + "/eab-keys");
            ObjectNode body = AcmeJson.object().put("label", label);
            ArrayNode list = body.putArray("names");
            names.forEach(list::add);
            HttpRequest request = HttpRequest.newBuilder(url)
                    .header("Authorization", "Bearer " + AdminToken.loadOrCreate(config.adminTokenFile()).value())
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(AcmeJson.write(body)))
                    .build();
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofByteArray());
            ObjectNode json = AcmeJson.parseObject(response.body(), "the admin API's answer");
            if (response.statusCode() != 201) {
                throw new UsageException("eab create: " + json.path("detail").asText("HTTP " + response.statusCode()));
            }
            return json;
        } catch (ConnectException e) {
            return null; // a stale admin.url from a gateway that did not stop cleanly
        } catch (IOException e) {
            throw new UsageException("eab create: cannot reach the running gateway: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("eab create: interrupted");
        }
    }

    private static ObjectNode createInStore(GatewayConfig config, List<String> names, String label) {
        try (MapDbStore store = MapDbStore.open(config.storeFile())) {
            return AdminService.eabKeyJson(new EabKeys(store, Clock.systemUTC()).create(names, label));
        } catch (IllegalArgumentException e) {
            throw new UsageException("eab create: " + e.getMessage());
        }
    }

    private static void print(PrintStream out, ObjectNode key) {
        out.println("eab-key-id: " + key.path("keyId").asText());
        out.println("eab-hmac-key: " + key.path("hmacKey").asText());
        List<String> names = new java.util.ArrayList<>();
        key.path("names").forEach(n -> names.add(n.asText()));
        out.println("names: " + String.join(", ", names));
        out.println("certbot: --eab-kid " + key.path("keyId").asText() + " --eab-hmac-key "
                + key.path("hmacKey").asText());
        out.println("lego: --eab --kid " + key.path("keyId").asText() + " --hmac " + key.path("hmacKey").asText());
        out.println("acme.sh: --eab-kid " + key.path("keyId").asText() + " --eab-hmac-key "
                + key.path("hmacKey").asText());
    }
}
