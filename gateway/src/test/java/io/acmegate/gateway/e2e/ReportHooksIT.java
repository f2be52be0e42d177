package io.acmegate.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report hooks in {@code hooks/}: certbot and acme.sh get their certificates straight from a CA (Pebble) and
 * report them to the packaged gateway ({@code POST /status/report}), which then lists them in its status with
 * source "report". A report that fails must not fail the renewal.
 */
class ReportHooksIT {

    private static final List<String> CERTBOT_NAMES = List.of("report.example.test", "www.report.example.test");
    private static final String ACME_SH_NAME = "shop.report.example.test";

    @TempDir
    static Path work;
    private static GatewayProcess gateway;
    private static Pebble pebble;
    private static StatusApi status;
    private static Path hooks;

    @BeforeAll
    static void start() {
        RequiredTools.assertInstalled("pebble", "certbot", "curl", "openssl", "sh");
        hooks = hooksDirectory();
        gateway = GatewayProcess.start("ReportHooksIT");
        // Nothing resolves or serves challenges here: Pebble accepts them unchecked; its resolver is never asked.
        pebble = Pebble.configure(E2e.directory(work, "pebble")).environment("PEBBLE_VA_ALWAYS_VALID", "1")
                .start("127.0.0.1:" + LoopbackPorts.udpAndTcp());
        status = new StatusApi(gateway);
    }

    @AfterAll
    static void stop() {
        E2e.closeQuietly(pebble);
        E2e.closeQuietly(gateway);
    }

    @Test
    void certbotDeployHookReportsTheCertificateAndItsRenewal() throws Exception {
        String token = status.createReportToken("web-01");
        Path tokenFile = Files.writeString(work.resolve("web-01.token"), token + "\n");
        // Configured the way a host would be: a report.env file, here named by ACMEGATE_REPORT_ENV.
        Path config = Files.writeString(work.resolve("web-01-report.env"),
                "ACMEGATE_REPORT_URL=" + status.reportUrl() + "\nACMEGATE_REPORT_TOKEN_FILE=" + tokenFile + "\n");
        ReportCertbot certbot = certbot("certbot-web-01").env("ACMEGATE_REPORT_ENV", config.toString());

        ToolRun issued = certbot.certonly("report", hook("certbot-deploy-hook"),
                CERTBOT_NAMES.toArray(String[]::new));

        assertEquals(0, issued.exitCode(), issued.describe("certbot failed") + "\ncertbot log:\n" + certbot.log());
        assertTrue(issued.output().contains("acmegate-report: reported"),
                issued.describe("the deploy hook did not report the certificate") + "\n" + gateway.output());
        JsonNode lineage = onlyLineage("web-01");
        assertReported(lineage, "web-01", Set.copyOf(CERTBOT_NAMES), Certificates.leafSerial(certbot.live("report")));

        ToolRun renewed = certbot.renew();

        assertEquals(0, renewed.exitCode(), renewed.describe("certbot renew failed") + "\n" + certbot.log());
        JsonNode afterRenewal = onlyLineage("web-01");
        String renewedSerial = Certificates.leafSerial(certbot.live("report"));
        assertNotEquals(lineage.path("certificate").path("serial").asText(), renewedSerial,
                "certbot renew --force-renewal must have got a new certificate");
        assertReported(afterRenewal, "web-01", Set.copyOf(CERTBOT_NAMES), renewedSerial);
        assertEquals(lineage.path("id").asText(), afterRenewal.path("id").asText(),
                "the renewed certificate must head the same lineage");
        assertFalse((issued.output() + renewed.output() + certbot.log()).contains(token),
                "the hook must never print the report token");
    }

    @Test
    void acmeShReloadCommandReportsForItsOwnClient() throws Exception {
        ReportCertbot certbot = certbot("certbot-shop");
        certbot.certonly("shop", "true", ACME_SH_NAME).assertSucceeded();
        Path live = certbot.live("shop");
        String token = status.createReportToken("web-02");
        int servedPort = LoopbackPorts.tcp();

        // What acme.sh's _installcert() exports before it evals the reload command in the domain's directory.
        ToolRun run = Tool.command(hook("acme.sh-reloadcmd")).in(live)
                .env("CERT_PATH", live.resolve("cert.pem").toString())
                .env("CERT_KEY_PATH", live.resolve("privkey.pem").toString())
                .env("CA_CERT_PATH", live.resolve("chain.pem").toString())
                .env("CERT_FULLCHAIN_PATH", live.resolve("fullchain.pem").toString())
                .env("Le_Domain", ACME_SH_NAME)
                .env("ACMEGATE_REPORT_ENV", emptyConfig().toString())
                // Over HTTPS on the ACME listener, as a host elsewhere would report.
                .env("ACMEGATE_REPORT_URL", gateway.directory().resolve("/status/report").toString())
                .env("ACMEGATE_CA_BUNDLE", gateway.rootCertificate().toString())
                .env("ACMEGATE_REPORT_TOKEN", token)
                .env("ACMEGATE_ENDPOINTS", "127.0.0.1:" + servedPort + "/" + ACME_SH_NAME)
                .run();

        assertEquals(0, run.exitCode(), run.describe("the acme.sh reload command failed"));
        assertFalse(run.output().contains(token), run.describe("the hook must never print the report token"));
        JsonNode lineage = onlyLineage("web-02");
        assertReported(lineage, "web-02", Set.of(ACME_SH_NAME), Certificates.leafSerial(live));
        JsonNode endpoint = lineage.path("deployment").path(0);
        assertEquals("127.0.0.1:" + servedPort + "/" + ACME_SH_NAME, endpoint.path("host").asText() + ":"
                + endpoint.path("port").asText() + "/" + endpoint.path("sni").asText(),
                "the endpoint from ACMEGATE_ENDPOINTS; lineage: " + lineage);
    }

    @Test
    void aRefusedReportPrintsOneLineAndFailsOnlyWhenStrict() throws IOException {
        Path lineage = Files.createDirectories(work.resolve("bad-token/live"));
        Files.copy(gateway.rootCertificate(), lineage.resolve("cert.pem"));
        String badToken = "not-a-report-token";

        ToolRun lenient = badTokenRun(lineage, badToken, "0");
        ToolRun strict = badTokenRun(lineage, badToken, "1");

        assertEquals(0, lenient.exitCode(), lenient.describe("a refused report must not fail the renewal"));
        assertNotEquals(0, strict.exitCode(), strict.describe("ACMEGATE_REPORT_STRICT=1 must fail a refused report"));
        for (ToolRun run : List.of(lenient, strict)) {
            List<String> lines = run.output().strip().lines().toList();
            assertEquals(1, lines.size(), run.describe("a failed report must print exactly one line"));
            assertTrue(lines.get(0).startsWith("acmegate-report: ") && lines.get(0).contains("HTTP 401"),
                    run.describe("the line must say the gateway refused the token"));
            assertFalse(run.output().contains(badToken), run.describe("the hook must never print the token"));
        }
    }

    private static ToolRun badTokenRun(Path lineage, String token, String strict) {
        return Tool.command(hook("certbot-deploy-hook"))
                .env("RENEWED_LINEAGE", lineage.toString())
                .env("RENEWED_DOMAINS", "ca.example.test")
                .env("ACMEGATE_REPORT_ENV", emptyConfig().toString())
                .env("ACMEGATE_REPORT_URL", status.reportUrl())
                .env("ACMEGATE_REPORT_TOKEN", token)
                .env("ACMEGATE_REPORT_STRICT", strict)
                .run();
    }

    private static void assertReported(JsonNode lineage, String client, Set<String> names, String serial) {
        assertEquals("report", lineage.path("source").asText(), "source; lineage: " + lineage);
        assertEquals("ok", lineage.path("state").asText(), "state; lineage: " + lineage);
        assertEquals(client, lineage.path("client").path("id").asText(), "client; lineage: " + lineage);
        Set<String> reportedNames = new HashSet<>();
        lineage.path("names").forEach(name -> reportedNames.add(name.asText()));
        assertEquals(names, reportedNames, "names; lineage: " + lineage);
        assertEquals(serial, lineage.path("certificate").path("serial").asText(), "serial; lineage: " + lineage);
    }

    private static JsonNode onlyLineage(String client) throws Exception {
        return status.lineage("client=" + client);
    }

    private static ReportCertbot certbot(String name) {
        return new ReportCertbot(E2e.directory(work, name), pebble.directory().toString(), pebble.tlsCa());
    }

    /** The hook's absolute path in this checkout. */
    private static String hook(String name) {
        Path script = hooks.resolve(name);
        if (!Files.isExecutable(script)) {
            fail(script + " is missing or not executable");
        }
        return script.toString();
    }

    private static Path hooksDirectory() {
        String repository = System.getProperty("acmegate.repo");
        if (repository == null) {
            return fail("system property acmegate.repo is not set: run the end-to-end tests with"
                    + " 'mvn -pl gateway -am verify' (failsafe sets it to the checkout)");
        }
        return Path.of(repository, "hooks");
    }

    /** A report.env with nothing in it, so that no /etc/acmegate/report.env on this machine changes the test. */
    private static Path emptyConfig() {
        try {
            Path config = work.resolve("empty-report.env");
            return Files.exists(config) ? config : Files.writeString(config, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
