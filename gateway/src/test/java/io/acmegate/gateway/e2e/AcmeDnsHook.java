package io.acmegate.gateway.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * A hook for lego's {@code exec} DNS provider that publishes dns-01 values through an acme-dns API with curl,
 * speaking the API as acme-dns clients do (acme.sh's dns_acmedns: pre-registered credentials, POST /update with
 * X-Api-User and X-Api-Key), and withdrawing them on clean-up with acmegate's DELETE /update.
 *
 * <p>Why a hook: Debian's lego 4.9.1 is built without its acme-dns provider (the package's changelog lists it
 * among the providers disabled until their Go dependencies are packaged), and no other packaged client has one.
 * lego calls {@code HOOK present|cleanup FQDN VALUE}; every call is appended to {@link #calls()}.
 */
public final class AcmeDnsHook {

    private static final String SCRIPT = """
            #!/bin/bash
            # lego exec provider: HOOK present|cleanup FQDN VALUE (FQDN after lego followed the CNAME)
            set -euo pipefail
            echo "$1 $2 $3" >> "$ACMEDNS_HOOK_LOG"
            case "$1" in
              present) method=POST ;;
              cleanup) method=DELETE ;;
              *) exit 0 ;;
            esac
            curl --fail-with-body --silent --show-error --max-time 10 --cacert "$ACMEDNS_CA_FILE" \\
              -X "$method" -H "Content-Type: application/json" \\
              -H "X-Api-User: $ACMEDNS_USERNAME" -H "X-Api-Key: $ACMEDNS_PASSWORD" \\
              --data "{\\"subdomain\\":\\"$ACMEDNS_SUBDOMAIN\\",\\"txt\\":\\"$3\\"}" \\
              "$ACMEDNS_BASE_URL/update"
            """;

    private final Path script;
    private final Path log;
    private final Map<String, String> environment;

    /** Writes the hook into {@code directory} for one registration on the gateway's acme-dns API. */
    public AcmeDnsHook(Path directory, GatewayProcess gateway, AcmeDnsApi.Registration registration) {
        this.script = directory.resolve("acme-dns-hook.sh");
        this.log = directory.resolve("acme-dns-hook.log");
        try {
            Files.writeString(script, SCRIPT);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
            Files.writeString(log, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.environment = Map.of(
                "EXEC_PATH", script.toString(),
                "ACMEDNS_HOOK_LOG", log.toString(),
                "ACMEDNS_CA_FILE", gateway.rootCertificate().toString(),
                "ACMEDNS_BASE_URL", gateway.acmeDnsApi().toString(),
                "ACMEDNS_USERNAME", registration.username(),
                "ACMEDNS_PASSWORD", registration.password(),
                "ACMEDNS_SUBDOMAIN", registration.subdomain());
    }

    /** The environment lego needs to run the hook ({@code EXEC_PATH}) and the hook needs to reach the API. */
    public Map<String, String> environment() {
        return environment;
    }

    /** Every call lego made: "present|cleanup FQDN VALUE", in order. */
    public List<String> calls() {
        try {
            return Files.readAllLines(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
