package io.acmegate.gateway.acmedns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.Gateway;
import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.config.GatewayConfig;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The acme-dns API over HTTPS, with acme-dns's own request and error shapes. */
class AcmeDnsApiTest {
    private static final String TXT_A = "A".repeat(43);
    private static final String TXT_B = "b_-".repeat(14) + "c";
    private static final String TXT_C = "C".repeat(43);

    @TempDir
    static Path dir;
    static Gateway open;
    static Gateway guarded;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        open = Gateway.start(GatewayConfig.forTests(dir.resolve("open")));
        GatewayConfig base = GatewayConfig.forTests(dir.resolve("guarded"));
        guarded = Gateway.start(base.withDelegation(
                new GatewayConfig.Delegation("acme.gw.example.test", "s3cret", List.of("*.shop.example.com"))));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (Gateway g : List.of(open, guarded)) {
            try (InputStream in = Files.newInputStream(g.rootCertificate())) {
                trust.setCertificateEntry(g.rootCertificate().toString(),
                        CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        http = HttpClient.newBuilder().sslContext(ssl).build();
    }

    @AfterAll
    static void stop() {
        open.close();
        guarded.close();
    }

    record Reply(int status, ObjectNode json) {
        String error() {
            return json.path("error").asText();
        }
    }

    private static Reply call(Gateway g, String method, String path, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(g.endpoints().get("acme-dns-api") + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<byte[]> res = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(res.statusCode(), AcmeJson.parseObject(res.body(), "reply"));
    }

    private static Reply update(Gateway g, ObjectNode reg, String method, String subdomain, String txt)
            throws Exception {
        return call(g, method, "/update", "{\"subdomain\":\"" + subdomain + "\",\"txt\":\"" + txt + "\"}",
                "X-Api-User", reg.path("username").asText(), "X-Api-Key", reg.path("password").asText());
    }

    private static List<String> served(Gateway g, ObjectNode reg) {
        return g.delegations().board().txt(reg.path("fulldomain").asText());
    }

    @Test
    void registerUpdateManyValuesRemoveOne() throws Exception {
        Reply reg = call(open, "POST", "/register", null);
        assertEquals(201, reg.status());
        ObjectNode r = reg.json();
        String sub = r.path("subdomain").asText();
        assertEquals(sub + ".acme.gateway.test", r.path("fulldomain").asText());
        assertEquals(40, r.path("password").asText().length());

        for (String txt : List.of(TXT_A, TXT_B, TXT_C)) {
            Reply up = update(open, r, "POST", sub, txt);
            assertEquals(200, up.status());
            assertEquals(txt, up.json().path("txt").asText());
        }
        assertEquals(Set.of(TXT_A, TXT_B, TXT_C), new HashSet<>(served(open, r)), "acme-dns would keep two");
        assertEquals(200, update(open, r, "DELETE", sub, TXT_B).status());
        assertEquals(Set.of(TXT_A, TXT_C), new HashSet<>(served(open, r)));
    }

    @Test
    void acmeDnsErrorsAreReproduced() throws Exception {
        ObjectNode r = call(open, "POST", "/register", null).json();
        String sub = r.path("subdomain").asText();
        assertEquals("bad_txt", update(open, r, "POST", sub, "short").error());
        Reply wrongKey = call(open, "POST", "/update", "{\"subdomain\":\"" + sub + "\",\"txt\":\"" + TXT_A + "\"}",
                "X-Api-User", r.path("username").asText(), "X-Api-Key", "not-the-password");
        assertEquals(401, wrongKey.status());
        assertEquals("forbidden", wrongKey.error());
        ObjectNode other = call(open, "POST", "/register", null).json();
        assertEquals("forbidden", update(open, r, "POST", other.path("subdomain").asText(), TXT_A).error(),
                "a user cannot write another user's subdomain");
        assertEquals("invalid_allowfrom_cidr", call(open, "POST", "/register", "{\"allowfrom\":[\"1.2.3.4\"]}")
                .error());
        assertEquals("malformed_json_payload", call(open, "POST", "/register", "{allowfrom: [1.2.3.4]}").error());
        assertTrue(served(open, r).isEmpty(), "nothing was published by the failed calls");
    }

    @Test
    void allowFromLimitsWhereUpdatesComeFrom() throws Exception {
        ObjectNode far = call(open, "POST", "/register", "{\"allowfrom\":[\"192.0.2.0/24\"]}").json();
        assertEquals(List.of("192.0.2.0/24"), List.of(far.path("allowfrom").path(0).asText()));
        assertEquals(401, update(open, far, "POST", far.path("subdomain").asText(), TXT_A).status());
        ObjectNode near = call(open, "POST", "/register", "{\"allowfrom\":[\"127.0.0.0/8\"]}").json();
        assertEquals(200, update(open, near, "POST", near.path("subdomain").asText(), TXT_A).status());
    }

    @Test
    void rotateAndDeregister() throws Exception {
        ObjectNode r = call(open, "POST", "/register", null).json();
        String sub = r.path("subdomain").asText();
        assertEquals(200, update(open, r, "POST", sub, TXT_A).status());
        Reply rotated = call(open, "POST", "/rotate", null, "X-Api-User", r.path("username").asText(),
                "X-Api-Key", r.path("password").asText());
        assertEquals(200, rotated.status());
        assertEquals(401, update(open, r, "POST", sub, TXT_A).status(), "the old password stops working");
        ObjectNode renewed = r.deepCopy().put("password", rotated.json().path("password").asText());
        assertEquals(200, update(open, renewed, "POST", sub, TXT_C).status());
        assertEquals(200, call(open, "POST", "/deregister", null, "X-Api-User", r.path("username").asText(),
                "X-Api-Key", renewed.path("password").asText()).status());
        assertTrue(served(open, r).isEmpty(), "deregistration withdraws the values");
        assertEquals(401, update(open, renewed, "POST", sub, TXT_A).status());
    }

    @Test
    void registrationCanNeedATokenAndAllowedDomains() throws Exception {
        assertEquals("registration_forbidden", call(guarded, "POST", "/register", null).error());
        assertEquals("domain_not_allowed", call(guarded, "POST", "/register", "{\"domains\":[\"evil.example.org\"]}",
                "Authorization", "Bearer s3cret").error());
        Reply ok = call(guarded, "POST", "/register", "{\"domains\":[\"www.shop.example.com\"]}",
                "Authorization", "Bearer s3cret");
        assertEquals(201, ok.status());
        assertTrue(ok.json().path("fulldomain").asText().endsWith(".acme.gw.example.test"));
    }
}
