package io.acmegate.gateway.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.Gateway;
import io.acmegate.gateway.TestCsrs;
import io.acmegate.gateway.config.GatewayConfig;
import io.acmegate.gateway.model.Order;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ACME server through HTTPS with a bare client: the whole flow, and bad input that must get the
 * right problem document and leave the store as it was.
 */
class AcmeServerTest {
    @TempDir
    static Path dataDir;
    static Gateway gateway;

    @BeforeAll
    static void start() {
        gateway = Gateway.start(GatewayConfig.forTests(dataDir));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static TestAcmeClient client() throws Exception {
        return new TestAcmeClient(gateway.directoryUrl().toString(), gateway.rootCertificate());
    }

    private static void assertProblem(HttpResponse<byte[]> res, int status, String type) {
        String body = new String(res.body(), StandardCharsets.UTF_8);
        assertEquals(status, res.statusCode(), body);
        assertEquals("application/problem+json", res.headers().firstValue("Content-Type").orElse(""), body);
        ObjectNode problem = AcmeJson.parseObject(res.body(), "problem");
        assertEquals("urn:ietf:params:acme:error:" + type, problem.path("type").asText(), body);
        assertEquals(status, problem.path("status").asInt(), body);
        assertTrue(res.headers().firstValue("Replay-Nonce").isPresent(), "problem responses carry a nonce too");
    }

    static String csr(String... names) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(TestCsrs.der(names));
    }

    private static String newOrderPayload(String... names) {
        StringBuilder json = new StringBuilder("{\"identifiers\":[");
        for (int i = 0; i < names.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"type\":\"dns\",\"value\":\"").append(names[i]).append("\"}");
        }
        return json.append("]}").toString();
    }

    @Test
    void directoryAndNonces() throws Exception {
        TestAcmeClient client = client();
        HttpResponse<byte[]> dir = client.get(gateway.directoryUrl().toString());
        assertEquals(200, dir.statusCode());
        // Cacheable by the client alone (acme4j then reads it once per session, not before every order): it
        // carries a nonce, as every response does, which a shared cache would hand to a second client.
        assertEquals("private, max-age=3600", dir.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(dir.headers().firstValue("Replay-Nonce").isPresent());
        ObjectNode json = client.json(dir);
        for (String field : List.of("newNonce", "newAccount", "newOrder", "revokeCert")) {
            assertTrue(json.path(field).asText().startsWith("https://127.0.0.1:"), field);
        }
        assertEquals(false, json.path("meta").path("externalAccountRequired").asBoolean(true));
        HttpResponse<byte[]> nonce = client.get(json.path("newNonce").asText());
        assertEquals(204, nonce.statusCode());
        assertEquals("no-store", nonce.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(nonce.headers().allValues("Link").stream().anyMatch(l -> l.contains("rel=\"index\"")));
        assertTrue(client.nonce().length() >= 22);
    }

    @Test
    void wholeFlowFromAccountToRevocation() throws Exception {
        TestAcmeClient client = client();
        client.register();
        HttpResponse<byte[]> created = client.post(client.url("newOrder"),
                newOrderPayload("www.flow.example.test", "*.flow.example.test"));
        assertEquals(201, created.statusCode(), new String(created.body(), StandardCharsets.UTF_8));
        ObjectNode order = client.json(created);
        assertEquals("ready", order.path("status").asText(), "trusted names are authorized at once");
        String orderUrl = created.headers().firstValue("Location").orElseThrow();
        for (var authzUrl : order.path("authorizations")) {
            ObjectNode authz = client.json(client.post(authzUrl.asText(), ""));
            assertEquals("valid", authz.path("status").asText());
        }

        HttpResponse<byte[]> finalized = client.post(order.path("finalize").asText(),
                "{\"csr\":\"" + csr("www.flow.example.test", "*.flow.example.test") + "\"}");
        assertEquals(200, finalized.statusCode(), new String(finalized.body(), StandardCharsets.UTF_8));
        ObjectNode done = client.json(client.post(orderUrl, ""));
        assertEquals("valid", done.path("status").asText());
        String orderId = orderUrl.substring(orderUrl.lastIndexOf('/') + 1);
        var issued = gateway.store().recentAudit(100).stream().filter(e -> orderId.equals(e.orderId())).toList();
        assertEquals(List.of("issued"), issued.stream().map(e -> e.kind()).toList(), "the audit trail says who issued");
        assertEquals("local", issued.get(0).upstream());
        ObjectNode account = client.json(client.post(client.accountUrl, ""));
        assertEquals("valid", account.path("status").asText());
        ObjectNode orders = client.json(client.post(account.path("orders").asText(), ""));
        assertEquals(orderUrl, orders.path("orders").path(0).asText());

        HttpResponse<byte[]> chain = client.post(done.path("certificate").asText(), "");
        assertEquals(200, chain.statusCode());
        assertEquals("application/pem-certificate-chain", chain.headers().firstValue("Content-Type").orElse(""));
        String pem = new String(chain.body(), StandardCharsets.US_ASCII);
        assertEquals(2, pem.split("-----BEGIN CERTIFICATE-----", -1).length - 1, "leaf and intermediate");

        String der = Base64.getUrlEncoder().withoutPadding().encodeToString(
                java.security.cert.CertificateFactory.getInstance("X.509")
                        .generateCertificate(new java.io.ByteArrayInputStream(chain.body())).getEncoded());
        assertEquals(200, client.post(client.url("revokeCert"), "{\"certificate\":\"" + der + "\"}").statusCode());
        assertProblem(client.post(client.url("revokeCert"), "{\"certificate\":\"" + der + "\"}"), 400,
                "alreadyRevoked");
    }

    /** RFC 9773 §4.1: base64url(AKI keyIdentifier) "." base64url(serial). */
    private static String certId(byte[] chainPem) throws Exception {
        var leaf = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(chainPem));
        byte[] aki = org.bouncycastle.asn1.x509.AuthorityKeyIdentifier.getInstance(
                org.bouncycastle.asn1.ASN1OctetString.getInstance(leaf.getExtensionValue("2.5.29.35")).getOctets())
                .getKeyIdentifier();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(aki) + "." + b64.encodeToString(leaf.getSerialNumber().toByteArray());
    }

    @Test
    void replacesIsAcceptedFromTheHolderForOverlappingNames() throws Exception {
        TestAcmeClient client = client();
        client.register();
        ObjectNode order = client.json(client.post(client.url("newOrder"), newOrderPayload("renew.example.test")));
        client.post(order.path("finalize").asText(), "{\"csr\":\"" + csr("renew.example.test") + "\"}");
        String orderUrl = order.path("finalize").asText().replace("/finalize", "");
        byte[] chain = client.post(client.json(client.post(orderUrl, "")).path("certificate").asText(), "").body();
        String id = certId(chain);

        HttpResponse<byte[]> renewal = client.post(client.url("newOrder"),
                "{\"identifiers\":[{\"type\":\"dns\",\"value\":\"renew.example.test\"}],\"replaces\":\"" + id + "\"}");
        assertEquals(201, renewal.statusCode(), new String(renewal.body(), StandardCharsets.UTF_8));
        String renewalId = renewal.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        assertEquals("local", gateway.store().order(renewalId).orElseThrow().replaces().issuer());

        assertProblem(client.post(client.url("newOrder"),
                "{\"identifiers\":[{\"type\":\"dns\",\"value\":\"other.example.test\"}],\"replaces\":\"" + id + "\"}"),
                400, "malformed");
        assertProblem(client.post(client.url("newOrder"),
                "{\"identifiers\":[{\"type\":\"dns\",\"value\":\"renew.example.test\"}],\"replaces\":\"nope\"}"),
                400, "malformed");
        TestAcmeClient stranger = client();
        stranger.register();
        assertProblem(stranger.post(stranger.url("newOrder"),
                "{\"identifiers\":[{\"type\":\"dns\",\"value\":\"renew.example.test\"}],\"replaces\":\"" + id + "\"}"),
                403, "unauthorized");
    }

    @Test
    void renewalInfoAnswersTheLineageWindowAndAPassedOneOnceRevoked() throws Exception {
        TestAcmeClient client = client();
        client.register();
        ObjectNode order = client.json(client.post(client.url("newOrder"), newOrderPayload("ari.example.test")));
        client.post(order.path("finalize").asText(), "{\"csr\":\"" + csr("ari.example.test") + "\"}");
        String orderUrl = order.path("finalize").asText().replace("/finalize", "");
        byte[] chain = client.post(client.json(client.post(orderUrl, "")).path("certificate").asText(), "").body();
        String id = certId(chain);
        java.security.cert.X509Certificate leaf = (java.security.cert.X509Certificate) java.security.cert
                .CertificateFactory.getInstance("X.509").generateCertificate(new java.io.ByteArrayInputStream(chain));

        HttpResponse<byte[]> info = client.get(client.url("renewalInfo") + "/" + id);
        assertEquals(200, info.statusCode(), new String(info.body(), StandardCharsets.UTF_8));
        assertEquals("21600", info.headers().firstValue("Retry-After").orElse(""));
        ObjectNode window = (ObjectNode) client.json(info).path("suggestedWindow");
        java.time.Instant start = java.time.Instant.parse(window.path("start").asText());
        java.time.Instant end = java.time.Instant.parse(window.path("end").asText());
        assertTrue(start.isBefore(end) && start.isAfter(leaf.getNotBefore().toInstant())
                && end.isBefore(leaf.getNotAfter().toInstant()), "window " + window + " inside the lifetime");

        String otherSerial = id.substring(0, id.indexOf('.') + 1) + "AQID";
        assertProblem(client.get(client.url("renewalInfo") + "/" + otherSerial), 404, "malformed");
        String otherAki = "AAAA" + id.substring(id.indexOf('.'));
        assertProblem(client.get(client.url("renewalInfo") + "/" + otherAki), 404, "malformed");
        assertProblem(client.get(client.url("renewalInfo") + "/not-an-id"), 400, "malformed");

        String der = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(leaf.getEncoded());
        assertEquals(200, client.post(client.url("revokeCert"), "{\"certificate\":\"" + der + "\"}").statusCode());
        ObjectNode revoked = (ObjectNode) client.json(client.get(client.url("renewalInfo") + "/" + id))
                .path("suggestedWindow");
        assertTrue(java.time.Instant.parse(revoked.path("end").asText()).isBefore(java.time.Instant.now().plusSeconds(1)),
                "a revoked certificate should be replaced now: " + revoked);
    }

    @Test
    void keyChangeMovesTheAccountToTheNewKeyAndRefusesWhatRfc8555Forbids() throws Exception {
        TestAcmeClient client = client();
        String account = client.register();
        String keyChange = client.url("keyChange");
        PublicJsonWebKey newKey = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        String payload = "{\"account\":\"" + account + "\",\"oldKey\":" + client.publicJwk() + "}";

        assertProblem(client.post(keyChange, TestAcmeClient.innerJws(keyChange, payload, newKey, true).toString()),
                400, "malformed");
        assertProblem(client.post(keyChange, TestAcmeClient.innerJws(client.url("newOrder"), payload, newKey, false)
                .toString()), 400, "malformed");
        assertProblem(client.post(keyChange, TestAcmeClient.innerJws(keyChange,
                "{\"account\":\"" + account + "x\",\"oldKey\":" + client.publicJwk() + "}", newKey, false)
                .toString()), 400, "malformed");
        TestAcmeClient other = client();
        other.register();
        assertProblem(client.post(keyChange, TestAcmeClient.innerJws(keyChange,
                "{\"account\":\"" + account + "\",\"oldKey\":" + other.publicJwk() + "}", newKey, false)
                .toString()), 400, "malformed");
        HttpResponse<byte[]> taken = client.post(keyChange, TestAcmeClient.innerJws(keyChange, payload, other.key, false)
                .toString());
        assertProblem(taken, 409, "malformed");
        assertEquals(other.accountUrl, taken.headers().firstValue("Location").orElse(""));

        assertEquals(200, client.post(keyChange, TestAcmeClient.innerJws(keyChange, payload, newKey, false)
                .toString()).statusCode());
        assertProblem(client.post(account, ""), 400, "malformed"); // the old key no longer signs for it
        client.key = newKey;
        assertEquals(200, client.post(account, "").statusCode());
        TestAcmeClient byNewKey = client();
        byNewKey.key = newKey;
        HttpResponse<byte[]> found = byNewKey.post(client.url("newAccount"), "{\"onlyReturnExisting\":true}");
        assertEquals(account, found.headers().firstValue("Location").orElse(""));
    }

    @Test
    void theCertificatesOwnKeyRevokesWithAReasonAndStatusShowsIt() throws Exception {
        TestAcmeClient holder = client();
        holder.register();
        PublicJsonWebKey certificateKey = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        ObjectNode order = holder.json(holder.post(holder.url("newOrder"), newOrderPayload("bykey.example.test")));
        String csr = Base64.getUrlEncoder().withoutPadding().encodeToString(io.acmegate.gateway.TestCsrs.der(
                new java.security.KeyPair(certificateKey.getPublicKey(), certificateKey.getPrivateKey()),
                "bykey.example.test"));
        holder.post(order.path("finalize").asText(), "{\"csr\":\"" + csr + "\"}");
        String orderUrl = order.path("finalize").asText().replace("/finalize", "");
        byte[] chain = holder.post(holder.json(holder.post(orderUrl, "")).path("certificate").asText(), "").body();
        var leaf = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(chain));
        String der = Base64.getUrlEncoder().withoutPadding().encodeToString(leaf.getEncoded());

        TestAcmeClient byKey = client(); // never registered: signs with the certificate key as jwk (§7.6)
        byKey.key = certificateKey;
        assertProblem(byKey.post(byKey.url("revokeCert"), "{\"certificate\":\"" + der + "\",\"reason\":7}"), 400,
                "badRevocationReason");
        TestAcmeClient stranger = client();
        assertProblem(stranger.post(stranger.url("revokeCert"), "{\"certificate\":\"" + der + "\"}"), 403,
                "unauthorized");
        assertEquals(200, byKey.post(byKey.url("revokeCert"), "{\"certificate\":\"" + der + "\",\"reason\":1}")
                .statusCode());
        var stored = gateway.store().certificateBySerial(leaf.getSerialNumber().toString(16)).orElseThrow();
        assertEquals(1, stored.revocation().reason());
        assertTrue(gateway.store().lineageOfCertificate(stored.id()).orElseThrow().current().revoked());
    }

    @Test
    void aDeactivatedAccountCanNoLongerOrder() throws Exception {
        TestAcmeClient client = client();
        String account = client.register();
        assertProblem(client.post(account, "{\"status\":\"valid\"}"), 400, "malformed");
        assertEquals("deactivated", client.json(client.post(account, "{\"status\":\"deactivated\"}"))
                .path("status").asText());
        assertProblem(client.post(client.url("newOrder"), newOrderPayload("late.example.test")), 403, "unauthorized");
        assertProblem(client.post(account, ""), 403, "unauthorized");
    }

    @Test
    void alternateChainsAreLinkedAndServed() throws Exception {
        TestAcmeClient client = client();
        String accountId = client.register().replaceAll(".*/", "");
        java.time.Instant now = java.time.Instant.now();
        Order order = new Order("alt-order", accountId, io.acmegate.gateway.model.OrderStatus.VALID, now,
                List.of(io.acmegate.gateway.model.Identifier.dns("alt.example.test")), List.of(), null, "alt-cert",
                null, now, null, null, null);
        gateway.store().completeOrder(order, new io.acmegate.gateway.model.IssuedCertificate("alt-cert", accountId,
                "alt-order", "abc", "DEFAULT-CHAIN", now, now, "ca-a", null, List.of("ALTERNATE-ONE")), List.of(),
                new io.acmegate.gateway.model.Lineage(0, new io.acmegate.gateway.model.Lineage.Client(accountId,
                        List.of(), null, null, null), List.of("alt.example.test"),
                        io.acmegate.gateway.model.Lineage.Source.GATEWAY, null, null, null, null, null, null, null,
                        null, now));
        String url = gateway.directoryUrl().toString().replace("/directory", "/cert/alt-cert");
        HttpResponse<byte[]> main = client.post(url, "");
        assertEquals("DEFAULT-CHAIN", new String(main.body(), StandardCharsets.US_ASCII));
        assertEquals(List.of("<" + url + "/1>;rel=\"alternate\""), main.headers().allValues("Link").stream()
                .filter(l -> l.contains("alternate")).toList());
        HttpResponse<byte[]> alternate = client.post(url + "/1", "");
        assertEquals("ALTERNATE-ONE", new String(alternate.body(), StandardCharsets.US_ASCII));
        assertTrue(alternate.headers().allValues("Link").contains("<" + url + ">;rel=\"alternate\""));
        assertProblem(client.post(url + "/2", ""), 404, "malformed");
    }

    @Test
    void finalizeWithWrongNamesIsBadCsrAndOrderStaysReady() throws Exception {
        TestAcmeClient client = client();
        client.register();
        HttpResponse<byte[]> created = client.post(client.url("newOrder"), newOrderPayload("a.csr.example.test"));
        ObjectNode order = client.json(created);
        assertProblem(client.post(order.path("finalize").asText(),
                "{\"csr\":\"" + csr("b.csr.example.test") + "\"}"), 400, "badCSR");
        assertProblem(client.post(order.path("finalize").asText(), "{\"csr\":\"%%%\"}"), 400, "badCSR");
        String orderUrl = created.headers().firstValue("Location").orElseThrow();
        assertEquals("ready", client.json(client.post(orderUrl, "")).path("status").asText());
    }

    @Test
    void namesOutsidePolicyAreRejectedAndNoOrderIsStored() throws Exception {
        TestAcmeClient client = client();
        String account = client.register();
        assertProblem(client.post(client.url("newOrder"), newOrderPayload("ok.example.test", "www.example.com")),
                400, "rejectedIdentifier");
        String accountId = account.substring(account.lastIndexOf('/') + 1);
        assertEquals(List.of(), gateway.store().ordersOf(accountId));
    }

    @Test
    void anotherAccountsOrderIsUnauthorized() throws Exception {
        TestAcmeClient owner = client();
        owner.register();
        HttpResponse<byte[]> created = owner.post(owner.url("newOrder"), newOrderPayload("mine.example.test"));
        String orderUrl = created.headers().firstValue("Location").orElseThrow();
        TestAcmeClient other = client();
        other.register();
        assertProblem(other.post(orderUrl, ""), 403, "unauthorized");
        assertProblem(other.post(client().json(created).path("finalize").asText(),
                "{\"csr\":\"" + csr("mine.example.test") + "\"}"), 403, "unauthorized");
        String ownerId = owner.accountUrl.substring(owner.accountUrl.lastIndexOf('/') + 1);
        assertEquals(List.of(io.acmegate.gateway.model.OrderStatus.READY),
                gateway.store().ordersOf(ownerId).stream().map(Order::status).toList());
    }

    @Test
    void badInputGetsTheRightProblemAndStoresNothing() throws Exception {
        TestAcmeClient client = client();
        String newAccount = client.url("newAccount");
        String thumbprint = client.key.calculateBase64urlEncodedThumbprint("SHA-256");

        assertProblem(client.post(newAccount, "{not json", "application/jose+json"), 400, "malformed");
        assertProblem(client.post(newAccount, client.sign(newAccount, "{}", client.nonce()), "application/json"),
                415, "malformed");
        assertProblem(client.post(newAccount, "{\"protected\":\"" + "A".repeat(70_000) + "\"}",
                "application/jose+json"), 413, "malformed");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"alg\":\"none\",\"nonce\":\"" + client.nonce() + "\",\"url\":\"" + newAccount + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
        assertProblem(client.post(newAccount, "{\"protected\":\"" + none + "\",\"payload\":\"e30\",\"signature\":\"\"}",
                "application/jose+json"), 400, "badSignatureAlgorithm");
        String nonce = client.nonce();
        String signed = client.sign(newAccount, "{\"contact\":[\"tel:123\"]}", nonce);
        assertProblem(client.post(newAccount, signed, "application/jose+json"), 400, "unsupportedContact");
        assertProblem(client.post(newAccount, signed, "application/jose+json"), 400, "badNonce");
        assertProblem(client.post(newAccount, "{\"onlyReturnExisting\":true}"), 400, "accountDoesNotExist");
        assertTrue(gateway.store().accountByThumbprint(thumbprint).isEmpty(), "nothing was stored");

        assertProblem(client.get(newAccount.replace("new-account", "order/x")), 405, "malformed");
        assertProblem(client.get(newAccount.replace("new-account", "no-such-thing")), 404, "malformed");
    }

    @Test
    void existingKeyReturnsTheSameAccount() throws Exception {
        TestAcmeClient client = client();
        String first = client.register();
        client.accountUrl = null;
        HttpResponse<byte[]> again = client.post(client.url("newAccount"), "{\"onlyReturnExisting\":true}");
        assertEquals(200, again.statusCode());
        assertEquals(first, again.headers().firstValue("Location").orElseThrow());
    }
}
