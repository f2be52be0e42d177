package io.acmegate.gateway.e2e;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Debian's Pebble (2.4.0), Let's Encrypt's test CA, on 127.0.0.1, validating challenges for real: it resolves
 * dns-01 TXT records through the resolver it is given. Pebble ships neither configuration nor a TLS certificate:
 * both are generated here, the certificate from a throwaway EC CA ({@link #tlsCa()}), the trust anchor an ACME
 * client needs for Pebble's own HTTPS.
 */
public final class Pebble implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

    private final int acmePort;
    private final int managementPort;
    private final Path tlsCa;
    private final Daemon daemon;

    private Pebble(int acmePort, int managementPort, Path tlsCa, Daemon daemon) {
        this.acmePort = acmePort;
        this.managementPort = managementPort;
        this.tlsCa = tlsCa;
        this.daemon = daemon;
    }

    /**
     * Starts Pebble with its files in {@code directory}, resolving challenges through {@code dnsServer}
     * (HOST:PORT), and waits until its directory answers.
     */
    public static Pebble start(Path directory, String dnsServer) {
        return configure(directory).start(dnsServer);
    }

    /**
     * Prepares a Pebble in {@code directory} without starting it: its ports are chosen and its TLS certificate
     * written, so that its {@link Setup#directory() directory URL} and {@link Setup#tlsCa() TLS CA} can go into
     * another program's configuration before Pebble runs (or while it is stopped).
     */
    public static Setup configure(Path directory) {
        RequiredTools.assertInstalled("pebble", "openssl");
        Path tlsCa = directory.resolve("tls-ca.pem");
        Path certificate = directory.resolve("tls-cert.pem");
        Path key = directory.resolve("tls-key.pem");
        writeTlsCertificate(directory, tlsCa, certificate, key);
        return new Setup(directory, LoopbackPorts.tcp(), LoopbackPorts.tcp(), tlsCa, certificate, key);
    }

    /**
     * A configured Pebble: fixed ports and TLS certificate; {@link #start(String)} may be called again after the
     * previous instance was closed, to bring "the same" CA back on the same ports (with a new issuing root and
     * no memory of accounts or orders: Pebble keeps nothing on disk).
     */
    public static final class Setup {
        private final Path directory;
        private final int acmePort;
        private final int managementPort;
        private final Path tlsCa;
        private final Path certificate;
        private final Path key;
        private final Map<String, String> environment = new HashMap<>();
        private int httpPort = LoopbackPorts.tcp();

        private Setup(Path directory, int acmePort, int managementPort, Path tlsCa, Path certificate, Path key) {
            this.directory = directory;
            this.acmePort = acmePort;
            this.managementPort = managementPort;
            this.tlsCa = tlsCa;
            this.certificate = certificate;
            this.key = key;
            environment.put("PEBBLE_VA_NOSLEEP", "1");
            environment.put("PEBBLE_WFE_NONCEREJECT", "0");
            // A fresh authorization per order, so that every order validates every name.
            environment.put("PEBBLE_AUTHZREUSE", "0");
            // Pebble must really resolve the TXT records.
            environment.put("PEBBLE_VA_ALWAYS_VALID", null);
        }

        /** The ACME directory URL Pebble will serve. */
        public URI directory() {
            return URI.create("https://127.0.0.1:" + acmePort + "/dir");
        }

        /** The CA that issued Pebble's HTTPS certificate (PEM). */
        public Path tlsCa() {
            return tlsCa;
        }

        /** Where Pebble's VA connects for http-01 (RFC 8555 §8.3 says 80; Pebble lets tests choose). */
        public Setup httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        /**
         * Sets (or, with null, removes) one of Pebble's environment variables, e.g. {@code PEBBLE_VA_NOSLEEP}
         * null to keep its random validation delays, {@code PEBBLE_WFE_NONCEREJECT} null for its default 5 %.
         */
        public Setup environment(String variable, String value) {
            environment.put(variable, value);
            return this;
        }

        /** Starts Pebble, resolving names through {@code dnsServer} (HOST:PORT), and waits until it answers. */
        public Pebble start(String dnsServer) {
            Path config = directory.resolve("pebble.json");
            try {
                // tlsPort is where Pebble's VA connects for tls-alpn-01: nothing listens there.
                Files.writeString(config, """
                        {"pebble": {
                          "listenAddress": "127.0.0.1:%d",
                          "managementListenAddress": "127.0.0.1:%d",
                          "certificate": "%s",
                          "privateKey": "%s",
                          "httpPort": %d,
                          "tlsPort": %d,
                          "ocspResponderURL": "",
                          "externalAccountBindingRequired": false
                        }}
                        """.formatted(acmePort, managementPort, certificate, key, httpPort, LoopbackPorts.tcp()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Daemon daemon = Daemon.start("pebble-" + acmePort,
                    List.of("pebble", "-config", config.toString(), "-dnsserver", dnsServer), environment);
            Pebble pebble = new Pebble(acmePort, managementPort, tlsCa, daemon);
            try {
                daemon.awaitReady(READY_TIMEOUT, pebble::answers);
            } catch (Throwable notReady) {
                pebble.close();
                throw notReady;
            }
            return pebble;
        }
    }

    /** The ACME directory URL. */
    public URI directory() {
        return URI.create("https://127.0.0.1:" + acmePort + "/dir");
    }

    /** The CA that issued Pebble's HTTPS certificate (PEM): what ACME clients must trust to talk to Pebble. */
    public Path tlsCa() {
        return tlsCa;
    }

    /** Writes the root of the chains Pebble issues (generated anew at each start) to {@code file}. */
    public Path writeIssuingRoot(Path file) {
        try {
            return Files.writeString(file, get(URI.create("https://127.0.0.1:" + managementPort + "/roots/0")).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The intermediate that signs the leaves Pebble issues (generated anew at each start). */
    public X509Certificate issuingIntermediate() {
        try {
            String pem = get(URI.create("https://127.0.0.1:" + managementPort + "/intermediates/0")).body();
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw new IllegalStateException("Pebble's /intermediates/0 is not a certificate", e);
        }
    }

    /** Everything Pebble logged so far (each validation, with what it looked up). */
    public String log() {
        return daemon.output();
    }

    @Override
    public void close() {
        daemon.close();
    }

    private boolean answers() {
        try {
            return get(directory()).statusCode() == 200;
        } catch (UncheckedIOException notYet) {
            return false;
        }
    }

    private HttpResponse<String> get(URI uri) {
        try (HttpClient client = HttpClient.newBuilder().sslContext(Certificates.trusting(tlsCa))
                .connectTimeout(Duration.ofSeconds(2)).build()) {
            return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An EC P-256 CA and a leaf for 127.0.0.1 and localhost signed by it, valid for two days. */
    private static void writeTlsCertificate(Path directory, Path caPem, Path certificate, Path key) {
        Path caKey = directory.resolve("tls-ca.key");
        Path csr = directory.resolve("tls.csr");
        Path extensions = directory.resolve("tls-ext.cnf");
        try {
            Files.writeString(extensions, "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                    + "extendedKeyUsage=serverAuth\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", caKey.toString(), "-out", caPem.toString(), "-days", "2", "-subj", "/CN=acmegate e2e pebble TLS CA");
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", key.toString(), "-out", csr.toString(), "-subj", "/CN=localhost");
        openssl("x509", "-req", "-in", csr.toString(), "-CA", caPem.toString(), "-CAkey", caKey.toString(),
                "-set_serial", "1", "-days", "2", "-extfile", extensions.toString(), "-out", certificate.toString());
    }

    private static void openssl(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Tool.command(command).timeout(Duration.ofSeconds(30)).runSuccessfully();
    }
}
