package io.acmegate.gateway.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.acmegate.gateway.Gateway;
import io.acmegate.gateway.config.GatewayConfig;
import io.acmegate.gateway.config.PolicyConfig;
import io.acmegate.gateway.validation.TestDnsServer;
import io.acmegate.gateway.validation.ValidationSettings;
import io.acmegate.policy.CertificateProfile;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validate mode through HTTPS on a running gateway: challenges offered per identifier kind, http-01 and dns-01
 * validated against a real HTTP server and DNS server on loopback, errors recorded in the challenge, authorization
 * deactivation, ip identifiers, profiles and requested validity, and the orders list in pages.
 */
class AcmeValidateModeTest {
    @TempDir
    static Path dataDir;
    static Gateway gateway;
    static TestDnsServer dns;
    static HttpServer web;
    /** token → body the test web server answers for /.well-known/acme-challenge/token */
    static final Map<String, String> ANSWERS = new ConcurrentHashMap<>();
    /** tokens the test web server answers only after a second */
    static final java.util.Set<String> SLOW = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void start() throws Exception {
        dns = new TestDnsServer().a("www.validate.example", "127.0.0.1").a("bad.validate.example", "127.0.0.1")
                .a("gone.validate.example", "127.0.0.1");
        web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        web.createContext("/.well-known/acme-challenge/", exchange -> {
            String token = exchange.getRequestURI().getPath().replaceAll(".*/", "");
            if (SLOW.contains(token)) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = ANSWERS.getOrDefault(token, "").getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(ANSWERS.containsKey(token) ? 200 : 404, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        web.start();
        PolicyConfig policy = new PolicyConfig(PolicyConfig.DEFAULT_OPEN, List.of("*.validate.example", "127.0.0.0/8"),
                new ValidationSettings(dns.address(), web.getAddress().getPort(), 1, Duration.ofSeconds(2)), 2,
                Duration.ofMillis(200), List.of(
                        new CertificateProfile("classic", "90-day certificate", Duration.ofDays(90), Map.of()),
                        new CertificateProfile("shortlived", "2-minute certificate", Duration.ofMinutes(2), Map.of())),
                "classic");
        gateway = Gateway.start(GatewayConfig.forTests(dataDir).withPolicy(policy));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        web.stop(0);
        dns.close();
    }

    private static TestAcmeClient client() throws Exception {
        TestAcmeClient client = new TestAcmeClient(gateway.directoryUrl().toString(), gateway.rootCertificate());
        client.register();
        return client;
    }

    private static String keyAuthorization(TestAcmeClient client, String token) throws Exception {
        return token + "." + client.key.calculateBase64urlEncodedThumbprint("SHA-256");
    }

    private static ObjectNode order(TestAcmeClient client, String identifiersJson) throws Exception {
        HttpResponse<byte[]> created = client.post(client.url("newOrder"), "{\"identifiers\":" + identifiersJson + "}");
        assertEquals(201, created.statusCode(), new String(created.body(), StandardCharsets.UTF_8));
        ObjectNode order = client.json(created);
        order.put("url", created.headers().firstValue("Location").orElseThrow());
        return order;
    }

    private static ObjectNode authorization(TestAcmeClient client, ObjectNode order) throws Exception {
        return client.json(client.post(order.path("authorizations").get(0).asText(), ""));
    }

    private static JsonNode challenge(ObjectNode authz, String type) {
        for (JsonNode challenge : authz.path("challenges")) {
            if (challenge.path("type").asText().equals(type)) {
                return challenge;
            }
        }
        throw new AssertionError("no " + type + " challenge in " + authz);
    }

    private static List<String> types(ObjectNode authz) {
        List<String> types = new java.util.ArrayList<>();
        authz.path("challenges").forEach(c -> types.add(c.path("type").asText()));
        return types;
    }

    /** Polls the authorization until it leaves pending (validation runs in the background). */
    private static ObjectNode settled(TestAcmeClient client, String authzUrl) throws Exception {
        Instant deadline = Instant.now().plusSeconds(15);
        ObjectNode authz = client.json(client.post(authzUrl, ""));
        while (authz.path("status").asText().equals("pending") && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            authz = client.json(client.post(authzUrl, ""));
        }
        return authz;
    }

    private static X509Certificate finalizeAndDownload(TestAcmeClient client, ObjectNode order, String... names)
            throws Exception {
        HttpResponse<byte[]> finalized = client.post(order.path("finalize").asText(),
                "{\"csr\":\"" + AcmeServerTest.csr(names) + "\"}");
        assertEquals(200, finalized.statusCode(), new String(finalized.body(), StandardCharsets.UTF_8));
        ObjectNode done = client.json(client.post(order.path("url").asText(), ""));
        assertEquals("valid", done.path("status").asText(), done.toString());
        byte[] chain = client.post(done.path("certificate").asText(), "").body();
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(chain));
    }

    @Test
    void http01IsValidatedAndTheOrderIssues() throws Exception {
        TestAcmeClient client = client();
        ObjectNode order = order(client, "[{\"type\":\"dns\",\"value\":\"www.validate.example\"}]");
        assertEquals("pending", order.path("status").asText());
        String authzUrl = order.path("authorizations").get(0).asText();
        ObjectNode authz = authorization(client, order);
        assertEquals(List.of("http-01", "dns-01", "tls-alpn-01"), types(authz));
        JsonNode http01 = challenge(authz, "http-01");
        assertTrue(http01.path("token").asText().matches("[A-Za-z0-9_-]{22,}"), http01.toString());
        ANSWERS.put(http01.path("token").asText(), keyAuthorization(client, http01.path("token").asText()) + "\n");

        HttpResponse<byte[]> responded = client.post(http01.path("url").asText(), "{}");
        assertEquals(200, responded.statusCode(), new String(responded.body(), StandardCharsets.UTF_8));
        assertEquals("processing", client.json(responded).path("status").asText());
        // No Retry-After while validating, as Boulder: acme4j 4.0 waits a negative time when one has already passed.
        assertTrue(responded.headers().firstValue("Retry-After").isEmpty());
        assertEquals("<" + authzUrl + ">;rel=\"up\"", responded.headers().allValues("Link").stream()
                .filter(l -> l.contains("up")).findFirst().orElse(""));
        ObjectNode valid = settled(client, authzUrl);
        assertEquals("valid", valid.path("status").asText(), valid.toString());
        assertEquals("valid", challenge(valid, "http-01").path("status").asText());
        assertTrue(challenge(valid, "http-01").has("validated"));
        assertEquals(200, client.post(http01.path("url").asText(), "{}").statusCode(), "responding again is harmless");

        X509Certificate leaf = finalizeAndDownload(client, order, "www.validate.example");
        assertEquals(List.of(List.of(2, "www.validate.example")), leaf.getSubjectAlternativeNames().stream()
                .map(List::copyOf).toList());

        // The renewal reuses the authorization the account earned (as Boulder and Pebble do): nothing to prove.
        ObjectNode renewal = order(client, "[{\"type\":\"dns\",\"value\":\"www.validate.example\"}]");
        assertEquals("ready", renewal.path("status").asText(), renewal.toString());
        assertEquals(authzUrl, renewal.path("authorizations").get(0).asText());
        ObjectNode byAnother = order(client(), "[{\"type\":\"dns\",\"value\":\"www.validate.example\"}]");
        assertEquals("pending", byAnother.path("status").asText(), "another account proves control itself");
    }

    @Test
    void aWrongAnswerIsRecordedInTheChallengeAndTheOrderFails() throws Exception {
        TestAcmeClient client = client();
        ObjectNode order = order(client, "[{\"type\":\"dns\",\"value\":\"bad.validate.example\"}]");
        String authzUrl = order.path("authorizations").get(0).asText();
        JsonNode http01 = challenge(authorization(client, order), "http-01");
        ANSWERS.put(http01.path("token").asText(), "not the key authorization");
        client.post(http01.path("url").asText(), "{}");
        ObjectNode invalid = settled(client, authzUrl);
        assertEquals("invalid", invalid.path("status").asText(), invalid.toString());
        JsonNode error = challenge(invalid, "http-01").path("error");
        assertEquals("urn:ietf:params:acme:error:incorrectResponse", error.path("type").asText(), invalid.toString());
        assertEquals("invalid", client.json(client.post(order.path("url").asText(), "")).path("status").asText());
        TestAcmeClient other = client();
        HttpResponse<byte[]> stranger = other.post(http01.path("url").asText(), "{}");
        assertEquals(403, stranger.statusCode());
        assertEquals(404, client.post(authzUrl.replace("/authz/", "/chall/") + "/http-02", "{}").statusCode());
    }

    @Test
    void repeatedFailedValidationsPauseNewOrdersForTheName() throws Exception {
        TestAcmeClient client = client();
        dns.a("flaky.validate.example", "127.0.0.1");
        for (int i = 0; i < 5; i++) { // the default limit: 5 failed validations an hour
            ObjectNode order = order(client, "[{\"type\":\"dns\",\"value\":\"flaky.validate.example\"}]");
            JsonNode http01 = challenge(authorization(client, order), "http-01");
            client.post(http01.path("url").asText(), "{}"); // nothing is served: 404
            assertEquals("invalid", settled(client, order.path("authorizations").get(0).asText()).path("status")
                    .asText());
        }
        HttpResponse<byte[]> paused = client.post(client.url("newOrder"),
                "{\"identifiers\":[{\"type\":\"dns\",\"value\":\"flaky.validate.example\"}]}");
        assertEquals(429, paused.statusCode(), new String(paused.body(), StandardCharsets.UTF_8));
        assertTrue(paused.headers().firstValue("Retry-After").isPresent());
        assertEquals("pending", order(client(), "[{\"type\":\"dns\",\"value\":\"flaky.validate.example\"}]")
                .path("status").asText(), "another account is not paused by this one's failures");
    }

    @Test
    void aWildcardGetsOnlyDns01WhichFollowsACname() throws Exception {
        TestAcmeClient client = client();
        ObjectNode order = order(client, "[{\"type\":\"dns\",\"value\":\"*.wild.validate.example\"}]");
        String authzUrl = order.path("authorizations").get(0).asText();
        ObjectNode authz = authorization(client, order);
        assertEquals(List.of("dns-01"), types(authz));
        assertTrue(authz.path("wildcard").asBoolean());
        String token = challenge(authz, "dns-01").path("token").asText();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyAuthorization(client, token)
                .getBytes(StandardCharsets.US_ASCII));
        dns.cname("_acme-challenge.wild.validate.example", "label.acme.gateway.example");
        dns.txt("label.acme.gateway.example", Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
        client.post(challenge(authz, "dns-01").path("url").asText(), "{}");
        assertEquals("valid", settled(client, authzUrl).path("status").asText());
    }

    @Test
    void anIpIdentifierIsValidatedOverHttpAndCertifiedAsAnIpAddress() throws Exception {
        TestAcmeClient client = client();
        ObjectNode order = order(client, "[{\"type\":\"ip\",\"value\":\"127.0.0.1\"}]");
        ObjectNode authz = authorization(client, order);
        assertEquals(List.of("http-01", "tls-alpn-01"), types(authz));
        String token = challenge(authz, "http-01").path("token").asText();
        ANSWERS.put(token, keyAuthorization(client, token));
        client.post(challenge(authz, "http-01").path("url").asText(), "{}");
        assertEquals("valid", settled(client, order.path("authorizations").get(0).asText()).path("status").asText());
        X509Certificate leaf = finalizeAndDownload(client, order, "127.0.0.1");
        assertEquals(List.of(List.of(7, "127.0.0.1")), leaf.getSubjectAlternativeNames().stream()
                .map(List::copyOf).toList());
        HttpResponse<byte[]> outside = client.post(client.url("newOrder"),
                "{\"identifiers\":[{\"type\":\"ip\",\"value\":\"192.0.2.1\"}]}");
        assertEquals(400, outside.statusCode());
        assertTrue(new String(outside.body(), StandardCharsets.UTF_8).contains("rejectedIdentifier"));
    }

    @Test
    void profilesAreAdvertisedChosenAndBoundTheValidity() throws Exception {
        TestAcmeClient client = client();
        JsonNode profiles = client.json(client.get(client.url("newNonce").replace("new-nonce", "directory")))
                .path("meta").path("profiles");
        assertEquals("2-minute certificate", profiles.path("shortlived").asText(), profiles.toString());
        ObjectNode order = order(client, "[{\"type\":\"dns\",\"value\":\"short.profile.test\"}],\"profile\":\"shortlived\"");
        assertEquals("shortlived", order.path("profile").asText());
        X509Certificate leaf = finalizeAndDownload(client, order, "short.profile.test");
        Duration lifetime = Duration.between(Instant.now(), leaf.getNotAfter().toInstant());
        assertTrue(lifetime.compareTo(Duration.ofMinutes(3)) < 0, "lifetime " + lifetime);

        Instant notAfter = Instant.now().plus(Duration.ofDays(10)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        ObjectNode asked = order(client, "[{\"type\":\"dns\",\"value\":\"ten.profile.test\"}],\"notAfter\":\""
                + notAfter + "\"");
        assertEquals(notAfter.toString(), asked.path("notAfter").asText());
        assertEquals(notAfter, finalizeAndDownload(client, asked, "ten.profile.test").getNotAfter().toInstant());

        HttpResponse<byte[]> tooLong = client.post(client.url("newOrder"), "{\"identifiers\":[{\"type\":\"dns\","
                + "\"value\":\"long.profile.test\"}],\"profile\":\"shortlived\",\"notAfter\":\"" + notAfter + "\"}");
        assertEquals(400, tooLong.statusCode());
        assertTrue(new String(tooLong.body(), StandardCharsets.UTF_8).contains("at most"));
        HttpResponse<byte[]> unknown = client.post(client.url("newOrder"), "{\"identifiers\":[{\"type\":\"dns\","
                + "\"value\":\"x.profile.test\"}],\"profile\":\"forever\"}");
        assertEquals(400, unknown.statusCode());
        assertTrue(new String(unknown.body(), StandardCharsets.UTF_8).contains("invalidProfile"));
    }

    @Test
    void deactivatingAnAuthorizationInvalidatesItsOrder() throws Exception {
        TestAcmeClient client = client();
        ObjectNode order = order(client, "[{\"type\":\"dns\",\"value\":\"gone.validate.example\"}]");
        String authzUrl = order.path("authorizations").get(0).asText();
        assertEquals(400, client.post(authzUrl, "{\"status\":\"valid\"}").statusCode());
        assertEquals(403, client().post(authzUrl, "{\"status\":\"deactivated\"}").statusCode(), "another account");
        // lego sends its whole authorization struct; only "status" counts, as with Boulder and Pebble.
        HttpResponse<byte[]> deactivated = client.post(authzUrl, "{\"identifier\":{\"type\":\"\",\"value\":\"\"},"
                + "\"status\":\"deactivated\",\"expires\":\"0001-01-01T00:00:00Z\"}");
        assertEquals("deactivated", client.json(deactivated).path("status").asText());
        assertEquals(400, client.post(authzUrl, "{\"status\":\"deactivated\"}").statusCode(), "only once");
        assertEquals("invalid", client.json(client.post(order.path("url").asText(), "")).path("status").asText());
        JsonNode http01 = challenge(client.json(client.post(authzUrl, "")), "http-01");
        assertEquals(400, client.post(http01.path("url").asText(), "{}").statusCode(),
                "a deactivated authorization's challenges cannot be answered");
    }

    @Test
    void aReadyOrderWhoseAuthorizationWasDeactivatedCannotBeFinalized() throws Exception {
        TestAcmeClient client = client();
        ObjectNode order = order(client, "[{\"type\":\"dns\",\"value\":\"ready.trusted.test\"}]");
        assertEquals("ready", order.path("status").asText());
        client.post(order.path("authorizations").get(0).asText(), "{\"status\":\"deactivated\"}");
        HttpResponse<byte[]> finalized = client.post(order.path("finalize").asText(),
                "{\"csr\":\"" + AcmeServerTest.csr("ready.trusted.test") + "\"}");
        assertEquals(403, finalized.statusCode());
        assertTrue(new String(finalized.body(), StandardCharsets.UTF_8).contains("orderNotReady"));
        assertEquals("invalid", client.json(client.post(order.path("url").asText(), "")).path("status").asText());
    }

    @Test
    void aDeactivationDuringValidationStands() throws Exception {
        TestAcmeClient client = client();
        dns.a("slow.validate.example", "127.0.0.1");
        ObjectNode order = order(client, "[{\"type\":\"dns\",\"value\":\"slow.validate.example\"}]");
        String authzUrl = order.path("authorizations").get(0).asText();
        JsonNode http01 = challenge(authorization(client, order), "http-01");
        String token = http01.path("token").asText();
        SLOW.add(token);
        ANSWERS.put(token, keyAuthorization(client, token));
        client.post(http01.path("url").asText(), "{}");
        assertEquals("deactivated", client.json(client.post(authzUrl, "{\"status\":\"deactivated\"}"))
                .path("status").asText());
        Instant deadline = Instant.now().plusSeconds(10);
        ObjectNode authz = client.json(client.post(authzUrl, ""));
        while (challenge(authz, "http-01").path("status").asText().equals("processing")
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            authz = client.json(client.post(authzUrl, ""));
        }
        assertEquals("valid", challenge(authz, "http-01").path("status").asText(), "the check itself succeeded");
        assertEquals("deactivated", authz.path("status").asText(), "but the client's deactivation stands");
    }

    @Test
    void theOrdersListComesInPagesLinkedWithNext() throws Exception {
        TestAcmeClient client = client();
        int total = AcmeService.ORDERS_PAGE + 3;
        for (int i = 0; i < total; i++) {
            order(client, "[{\"type\":\"dns\",\"value\":\"p" + i + ".pages.test\"}]");
        }
        String ordersUrl = client.json(client.post(client.accountUrl, "")).path("orders").asText();
        HttpResponse<byte[]> first = client.post(ordersUrl, "");
        assertEquals(AcmeService.ORDERS_PAGE, client.json(first).path("orders").size());
        String next = first.headers().allValues("Link").stream().filter(l -> l.endsWith("rel=\"next\""))
                .findFirst().orElseThrow().replaceAll("^<|>;.*$", "");
        HttpResponse<byte[]> second = client.post(next, "");
        assertEquals(3, client.json(second).path("orders").size());
        assertTrue(second.headers().allValues("Link").stream().noneMatch(l -> l.endsWith("rel=\"next\"")));
        TestAcmeClient other = client();
        assertEquals(403, other.post(ordersUrl, "").statusCode());
    }
}
