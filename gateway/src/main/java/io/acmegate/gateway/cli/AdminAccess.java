package io.acmegate.gateway.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.admin.AdminOperations;
import io.acmegate.gateway.admin.BearerToken;
import io.acmegate.gateway.config.GatewayConfig;
import io.acmegate.gateway.store.MapDbStore;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;

/**
 * Runs an admin operation for the command line: through the admin API of the gateway that runs on the
 * same data directory (it holds the store), or directly on the store when none runs.
 */
final class AdminAccess {
    private AdminAccess() {
    }

    static ObjectNode run(GatewayConfig config, String operation, ObjectNode request, String command) {
        ObjectNode remote = throughRunningGateway(config, operation, request, command);
        if (remote != null) {
            return remote;
        }
        try (MapDbStore store = MapDbStore.open(config.storeFile())) {
            return AdminOperations.local(store, config).run(operation, request);
        } catch (IllegalArgumentException e) {
            throw new UsageException(command + ": " + e.getMessage());
        }
    }

    private static ObjectNode throughRunningGateway(GatewayConfig config, String operation, ObjectNode request,
                                                    String command) {
        if (!Files.exists(config.adminUrlFile())) {
            return null;
        }
        try {
            URI url = URI.create(Files.readString(config.adminUrlFile()).trim() + "/" + operation);
            HttpRequest http = HttpRequest.newBuilder(url)
                    .header("Authorization", "Bearer " + BearerToken.loadOrCreate(config.adminTokenFile()).value())
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(AcmeJson.write(request)))
                    .build();
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(http,
                    HttpResponse.BodyHandlers.ofByteArray());
            ObjectNode json = AcmeJson.parseObject(response.body(), "the admin API's answer");
            if (response.statusCode() != 200) {
                throw new UsageException(command + ": " + json.path("detail").asText("HTTP " + response.statusCode()));
            }
            return json;
        } catch (ConnectException e) {
            return null; // a stale admin.url from a gateway that did not stop cleanly
        } catch (IOException e) {
            throw new UsageException(command + ": cannot reach the running gateway: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException(command + ": interrupted");
        }
    }
}
