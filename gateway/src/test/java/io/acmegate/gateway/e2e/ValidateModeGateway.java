package io.acmegate.gateway.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the validate-mode end-to-end tests share: a Knot authoritative for {@value #ZONE} whose names point at
 * 127.0.0.1, and a gateway whose policy lets any account order names under {@value #ZONE} (and 127.0.0.0/8) by
 * answering a challenge, validated through that Knot and on the loopback ports the client's answer listens on.
 *
 * <p>The policy section follows PolicyConfig's format; the profiles are {@code classic} (90 days) and
 * {@code shortlived} (2 minutes).
 */
final class ValidateModeGateway {

    static final String ZONE = "validate.example";
    static final String SHORTLIVED = "shortlived";

    private ValidateModeGateway() {
    }

    /** Where acmegate connects to validate: http-01 on {@code http}, tls-alpn-01 on {@code tls} (RFC 8737). */
    record ValidationPorts(int http, int tls) {

        /** Two free loopback TCP ports. */
        static ValidationPorts free() {
            return new ValidationPorts(LoopbackPorts.tcp(), LoopbackPorts.tcp());
        }
    }

    /**
     * Starts Knot for {@value #ZONE} with an A record 127.0.0.1 for each of {@code labels} (relative to the zone,
     * e.g. {@code "www"}).
     *
     * @param key the TSIG key dynamic updates must be signed with, or null for unsigned updates from 127.0.0.1
     */
    static KnotServer startKnot(Path directory, KnotServer.TsigKey key, String... labels) {
        String[] records = Arrays.stream(labels).map(label -> label + " A 127.0.0.1").toArray(String[]::new);
        return key == null ? KnotServer.start(directory, ZONE, records)
                : KnotServer.startWithTsig(directory, ZONE, key, records);
    }

    /**
     * Writes the configuration and starts the gateway: the local CA as its only upstream, validate mode for
     * {@code *.validate.example} and {@code 127.0.0.0/8}, resolving through {@code knot}.
     *
     * @param defaultProfile the profile of orders that name none: {@code classic} or {@value #SHORTLIVED}
     */
    static GatewayProcess start(String name, Path work, KnotServer knot, ValidationPorts ports, String defaultProfile) {
        String yaml = """
                upstreams:
                  - {name: local, type: local}
                policy:
                  validate: ["*.%s", "127.0.0.0/8"]
                  validation: {resolver: "127.0.0.1:%d", http-port: %d, tls-port: %d, timeout: PT5S, attempts: 3, pause: PT1S}
                  profiles:
                    - {name: classic, description: "90-day certificate", lifetime: P90D}
                    - {name: shortlived, description: "2-minute certificate", lifetime: PT2M}
                  default-profile: %s
                """.formatted(ZONE, knot.port(), ports.http(), ports.tls(), defaultProfile);
        try {
            Path config = Files.writeString(work.resolve(name + ".yaml"), yaml);
            return GatewayProcess.start(name, "--config", config.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh hmac-sha256 TSIG key (RFC 8945) with a random 32-byte secret. */
    static KnotServer.TsigKey randomTsigKey(String name) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new KnotServer.TsigKey(name, "hmac-sha256", Base64.getEncoder().encodeToString(secret));
    }

    /** Fully qualified names under the zone, e.g. {@code names("www")} is {@code [www.validate.example]}. */
    static List<String> names(String... labels) {
        return Arrays.stream(labels).map(label -> label + "." + ZONE).collect(Collectors.toList());
    }

    /** A gateway in validate mode with its Knot and a webroot served on its http-01 port: what webroot clients need. */
    record WithWebroot(KnotServer knot, GatewayProcess gateway, WebrootServer webroot) implements AutoCloseable {

        /** Knot with www.{@value #ZONE}, the gateway on the default profile, the webroot under {@code work}. */
        static WithWebroot start(String name, Path work) {
            KnotServer knot = startKnot(E2e.directory(work, "knot"), null, "www");
            ValidationPorts ports = ValidationPorts.free();
            GatewayProcess gateway = ValidateModeGateway.start(name, work, knot, ports, "classic");
            return new WithWebroot(knot, gateway, WebrootServer.start(E2e.directory(work, "webroot"), ports.http()));
        }

        @Override
        public void close() {
            E2e.closeQuietly(webroot);
            E2e.closeQuietly(gateway);
            E2e.closeQuietly(knot);
        }
    }
}
