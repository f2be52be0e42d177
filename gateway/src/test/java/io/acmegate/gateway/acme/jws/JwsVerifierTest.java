package io.acmegate.gateway.acme.jws;

import static io.acmegate.gateway.acme.jws.JwsFixtures.assertProblem;
import static io.acmegate.gateway.acme.jws.JwsFixtures.b64;
import static io.acmegate.gateway.acme.jws.JwsFixtures.header;
import static io.acmegate.gateway.acme.jws.JwsFixtures.parse;
import static io.acmegate.gateway.acme.jws.JwsFixtures.privateJwk;
import static io.acmegate.gateway.acme.jws.JwsFixtures.publicJwk;
import static io.acmegate.gateway.acme.jws.JwsFixtures.sign;
import static io.acmegate.gateway.acme.jws.JwsFixtures.signRaw;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.acme.problem.Problem;
import io.acmegate.gateway.acme.problem.ProblemType;
import io.acmegate.gateway.model.Account;
import io.acmegate.gateway.model.AccountStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JwsVerifierTest {
    private static final String BASE = "https://acme.test:8443/acme";
    private static final String NEW_ORDER = BASE + "/new-order";
    private static final String NEW_ACCOUNT = BASE + "/new-account";
    private static final String ACCOUNT_URL = BASE + "/acct/1";
    private static final String PAYLOAD = "{\"identifiers\":[{\"type\":\"dns\",\"value\":\"shop.example.com\"}]}";

    private static final PublicJsonWebKey ACCOUNT_KEY = JwsFixtures.p256();

    private final Map<String, Account> accounts = new HashMap<>();
    private NonceService nonces;
    private JwsVerifier verifier;

    @BeforeEach
    void setUp() {
        nonces = new NonceService(Duration.ofMinutes(5), 1_000);
        verifier = new JwsVerifier(nonces, kid -> Optional.ofNullable(accounts.get(kid)));
        putAccount(ACCOUNT_URL, ACCOUNT_KEY, AccountStatus.VALID);
    }

    static Stream<Arguments> goodKeys() {
        return Stream.of(
                Arguments.of("RS256", (Supplier<PublicJsonWebKey>) () -> JwsFixtures.rsa(2048)),
                Arguments.of("ES256", (Supplier<PublicJsonWebKey>) JwsFixtures::p256),
                Arguments.of("ES384", (Supplier<PublicJsonWebKey>) JwsFixtures::p384),
                Arguments.of("ES512", (Supplier<PublicJsonWebKey>) JwsFixtures::p521),
                Arguments.of("EdDSA", (Supplier<PublicJsonWebKey>) JwsFixtures::ed25519));
    }

    @ParameterizedTest(name = "{0} with jwk")
    @MethodSource("goodKeys")
    void acceptsGoodRequestWithEmbeddedJwk(String alg, Supplier<PublicJsonWebKey> keys) {
        PublicJsonWebKey key = keys.get();
        byte[] body = sign(jwkHeader(alg, NEW_ACCOUNT, key, nonces.issue()), PAYLOAD, key.getPrivateKey());

        VerifiedRequest request = verifier.verify(body, NEW_ACCOUNT, KeyMode.JWK);

        assertEquals(NEW_ACCOUNT, request.url());
        assertArrayEquals(PAYLOAD.getBytes(StandardCharsets.UTF_8), request.payload());
        assertEquals(key.calculateBase64urlEncodedThumbprint("SHA-256"), request.thumbprint());
        assertEquals(key.getPublicKey(), request.jwk().getPublicKey());
        assertNull(request.account());
        assertFalse(request.postAsGet());
    }

    @ParameterizedTest(name = "{0} with kid")
    @MethodSource("goodKeys")
    void acceptsGoodRequestWithKid(String alg, Supplier<PublicJsonWebKey> keys) {
        PublicJsonWebKey key = keys.get();
        Account account = putAccount(BASE + "/acct/" + alg, key, AccountStatus.VALID);
        byte[] body = sign(kidHeader(alg, NEW_ORDER, account.id(), nonces.issue()), PAYLOAD, key.getPrivateKey());

        VerifiedRequest request = verifier.verify(body, NEW_ORDER, KeyMode.KID);

        assertSame(account, request.account());
        assertEquals(key.getPublicKey(), request.jwk().getPublicKey());
        assertEquals(account.keyThumbprint(), request.thumbprint());
        assertArrayEquals(PAYLOAD.getBytes(StandardCharsets.UTF_8), request.payload());
    }

    @Test
    void recognisesPostAsGet() {
        byte[] body = sign(kidHeader("ES256", NEW_ORDER, ACCOUNT_URL, nonces.issue()), "", ACCOUNT_KEY.getPrivateKey());
        assertEquals("", parse(body).get("payload").asText(), "fixture must send the empty payload");

        VerifiedRequest request = verifier.verify(body, NEW_ORDER, KeyMode.KID);

        assertTrue(request.postAsGet());
        assertEquals(0, request.payload().length);
    }

    @Test
    void acceptsEitherReferenceWhenModeAllowsBoth() {
        PublicJsonWebKey certKey = JwsFixtures.p384();
        byte[] withJwk = sign(jwkHeader("ES384", NEW_ORDER, certKey, nonces.issue()), PAYLOAD, certKey.getPrivateKey());
        byte[] withKid = sign(kidHeader("ES256", NEW_ORDER, ACCOUNT_URL, nonces.issue()), PAYLOAD,
                ACCOUNT_KEY.getPrivateKey());

        assertNull(verifier.verify(withJwk, NEW_ORDER, KeyMode.JWK_OR_KID).account());
        assertEquals(ACCOUNT_URL, verifier.verify(withKid, NEW_ORDER, KeyMode.JWK_OR_KID).account().id());
    }

    @Test
    void rejectsTamperedSignatureWithoutBurningTheNonce() {
        String nonce = nonces.issue();
        ObjectNode body = parse(sign(kidHeader("ES256", NEW_ORDER, ACCOUNT_URL, nonce), PAYLOAD,
                ACCOUNT_KEY.getPrivateKey()));
        byte[] signature = java.util.Base64.getUrlDecoder().decode(body.get("signature").asText());
        signature[5] ^= 0x01;
        body.put("signature", JwsFixtures.BASE64URL.encodeToString(signature));

        Problem problem = assertProblem(ProblemType.MALFORMED,
                () -> verifier.verify(AcmeJson.write(body), NEW_ORDER, KeyMode.KID));
        assertTrue(problem.detail().contains("signature is invalid"), problem.detail());
        assertTrue(nonces.consume(nonce), "a forged request must not consume the client's nonce");
    }

    @Test
    void rejectsTamperedPayload() {
        ObjectNode body = parse(sign(kidHeader("ES256", NEW_ORDER, ACCOUNT_URL, nonces.issue()), PAYLOAD,
                ACCOUNT_KEY.getPrivateKey()));
        body.put("payload", b64(PAYLOAD.replace("shop", "bank")));

        assertProblem(ProblemType.MALFORMED, () -> verifier.verify(AcmeJson.write(body), NEW_ORDER, KeyMode.KID));
    }

    @Test
    void rejectsWrongUrl() {
        byte[] body = sign(kidHeader("ES256", BASE + "/new-authz", ACCOUNT_URL, nonces.issue()), PAYLOAD,
                ACCOUNT_KEY.getPrivateKey());

        assertProblem(ProblemType.UNAUTHORIZED, () -> verifier.verify(body, NEW_ORDER, KeyMode.KID));
    }

    @Test
    void rejectsMissingUrl() {
        ObjectNode header = kidHeader("ES256", NEW_ORDER, ACCOUNT_URL, nonces.issue());
        header.remove("url");
        byte[] body = sign(header, PAYLOAD, ACCOUNT_KEY.getPrivateKey());

        assertProblem(ProblemType.MALFORMED, () -> verifier.verify(body, NEW_ORDER, KeyMode.KID));
    }

    @Test
    void rejectsUnknownKid() {
        byte[] body = sign(kidHeader("ES256", NEW_ORDER, BASE + "/acct/404", nonces.issue()), PAYLOAD,
                ACCOUNT_KEY.getPrivateKey());

        assertProblem(ProblemType.ACCOUNT_DOES_NOT_EXIST, () -> verifier.verify(body, NEW_ORDER, KeyMode.KID));
    }

    @Test
    void rejectsDeactivatedAccount() {
        PublicJsonWebKey key = JwsFixtures.p256();
        putAccount(BASE + "/acct/2", key, AccountStatus.DEACTIVATED);
        byte[] body = sign(kidHeader("ES256", NEW_ORDER, BASE + "/acct/2", nonces.issue()), PAYLOAD,
                key.getPrivateKey());

        Problem problem = assertProblem(ProblemType.UNAUTHORIZED, () -> verifier.verify(body, NEW_ORDER, KeyMode.KID));
        assertTrue(problem.detail().contains("deactivated"), problem.detail());
    }

    @Test
    void usesTheAccountsCurrentKeyAfterRollover() {
        PublicJsonWebKey oldKey = JwsFixtures.p256();
        PublicJsonWebKey newKey = JwsFixtures.p256();
        String kid = BASE + "/acct/3";
        putAccount(kid, oldKey, AccountStatus.VALID);
        verifier.verify(sign(kidHeader("ES256", NEW_ORDER, kid, nonces.issue()), PAYLOAD, oldKey.getPrivateKey()),
                NEW_ORDER, KeyMode.KID);
        putAccount(kid, newKey, AccountStatus.VALID);

        byte[] oldSigned = sign(kidHeader("ES256", NEW_ORDER, kid, nonces.issue()), PAYLOAD, oldKey.getPrivateKey());
        assertProblem(ProblemType.MALFORMED, () -> verifier.verify(oldSigned, NEW_ORDER, KeyMode.KID));
        byte[] newSigned = sign(kidHeader("ES256", NEW_ORDER, kid, nonces.issue()), PAYLOAD, newKey.getPrivateKey());
        assertEquals(newKey.getPublicKey(), verifier.verify(newSigned, NEW_ORDER, KeyMode.KID).jwk().getPublicKey());
    }

    @Test
    void rejectsReplayedNonce() {
        byte[] body = sign(kidHeader("ES256", NEW_ORDER, ACCOUNT_URL, nonces.issue()), PAYLOAD,
                ACCOUNT_KEY.getPrivateKey());
        verifier.verify(body, NEW_ORDER, KeyMode.KID);

        Problem problem = assertProblem(ProblemType.BAD_NONCE, () -> verifier.verify(body, NEW_ORDER, KeyMode.KID));
        assertTrue(problem.detail().contains("JWS has an invalid anti-replay nonce"), problem.detail());
    }

    @Test
    void rejectsUnknownNonce() {
        byte[] body = sign(kidHeader("ES256", NEW_ORDER, ACCOUNT_URL, "bm90LWlzc3VlZC1ieS11cw"), PAYLOAD,
                ACCOUNT_KEY.getPrivateKey());

        assertProblem(ProblemType.BAD_NONCE, () -> verifier.verify(body, NEW_ORDER, KeyMode.KID));
    }

    @Test
    void rejectsMissingNonce() {
        ObjectNode header = kidHeader("ES256", NEW_ORDER, ACCOUNT_URL, "unused");
        header.remove("nonce");
        byte[] body = sign(header, PAYLOAD, ACCOUNT_KEY.getPrivateKey());

        Problem problem = assertProblem(ProblemType.BAD_NONCE, () -> verifier.verify(body, NEW_ORDER, KeyMode.KID));
        assertTrue(problem.detail().contains("JWS has an invalid anti-replay nonce"), problem.detail());
    }

    @Test
    void rejectsAlgNone() {
        byte[] body = sign(kidHeader("none", NEW_ORDER, ACCOUNT_URL, nonces.issue()), PAYLOAD, null);
        assertEquals("", parse(body).get("signature").asText(), "fixture must send an unsigned JWS");

        Problem problem = assertProblem(ProblemType.BAD_SIGNATURE_ALGORITHM,
                () -> verifier.verify(body, NEW_ORDER, KeyMode.KID));
        assertEquals(JwsVerifier.ALGORITHMS, problem.algorithms());
    }

    @Test
    void rejectsMacOnRequest() {
        byte[] secret = new byte[32];
        byte[] body = sign(kidHeader("HS256", NEW_ORDER, ACCOUNT_URL, nonces.issue()), PAYLOAD, new HmacKey(secret));

        Problem problem = assertProblem(ProblemType.BAD_SIGNATURE_ALGORITHM,
                () -> verifier.verify(body, NEW_ORDER, KeyMode.KID));
        assertEquals(JwsVerifier.ALGORITHMS, problem.algorithms());
    }

    @Test
    void rejectsEs256WithP384Key() {
        PublicJsonWebKey key = JwsFixtures.p384();
        String header = jwkHeader("ES256", NEW_ACCOUNT, key, nonces.issue()).toString();
        byte[] body = signRaw(header, PAYLOAD, key.getPrivateKey(), "ES384");

        assertProblem(ProblemType.BAD_SIGNATURE_ALGORITHM, () -> verifier.verify(body, NEW_ACCOUNT, KeyMode.JWK));
    }

    @Test
    void rejectsRs256WithEcKey() {
        byte[] body = signRaw(kidHeader("RS256", NEW_ORDER, ACCOUNT_URL, nonces.issue()).toString(), PAYLOAD,
                ACCOUNT_KEY.getPrivateKey(), "ES256");

        assertProblem(ProblemType.BAD_SIGNATURE_ALGORITHM, () -> verifier.verify(body, NEW_ORDER, KeyMode.KID));
    }

    @Test
    void rejectsRsa1024() {
        PublicJsonWebKey weak = JwsFixtures.rsa(1024);
        byte[] body = sign(jwkHeader("RS256", NEW_ACCOUNT, weak, nonces.issue()), PAYLOAD, weak.getPrivateKey());

        assertProblem(ProblemType.BAD_PUBLIC_KEY, () -> verifier.verify(body, NEW_ACCOUNT, KeyMode.JWK));
    }

    @Test
    void rejectsJwkWithPrivateMember() {
        PublicJsonWebKey key = JwsFixtures.p256();
        ObjectNode header = jwkHeader("ES256", NEW_ACCOUNT, key, nonces.issue());
        header.set("jwk", privateJwk(key));
        byte[] body = sign(header, PAYLOAD, key.getPrivateKey());

        assertProblem(ProblemType.BAD_PUBLIC_KEY, () -> verifier.verify(body, NEW_ACCOUNT, KeyMode.JWK));
    }

    @Test
    void rejectsUnsupportedCurve() {
        PublicJsonWebKey key = JwsFixtures.p256();
        ObjectNode header = jwkHeader("ES256", NEW_ACCOUNT, key, nonces.issue());
        ObjectNode x25519 = AcmeJson.object().put("kty", "OKP").put("crv", "X25519")
                .put("x", "hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo");
        header.set("jwk", x25519);
        byte[] body = sign(header, PAYLOAD, key.getPrivateKey());

        assertProblem(ProblemType.BAD_PUBLIC_KEY, () -> verifier.verify(body, NEW_ACCOUNT, KeyMode.JWK));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":5,\"y\":\"AQ\"}",
            "{\"crv\":\"P-256\",\"x\":\"AQ\",\"y\":\"AQ\"}",
            "{\"kty\":\"oct\",\"k\":\"c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0\"}",
            "{\"kty\":\"RSA\",\"n\":\"!!\",\"e\":\"AQAB\"}"})
    void rejectsUnusableJwk(String jwk) {
        ObjectNode header = jwkHeader("ES256", NEW_ACCOUNT, ACCOUNT_KEY, nonces.issue());
        header.set("jwk", JwsFixtures.json(jwk));
        byte[] body = sign(header, PAYLOAD, ACCOUNT_KEY.getPrivateKey());

        assertProblem(ProblemType.BAD_PUBLIC_KEY, () -> verifier.verify(body, NEW_ACCOUNT, KeyMode.JWK));
    }

    @Test
    void rejectsBothJwkAndKid() {
        ObjectNode header = kidHeader("ES256", NEW_ORDER, ACCOUNT_URL, nonces.issue());
        header.set("jwk", publicJwk(ACCOUNT_KEY));
        byte[] body = sign(header, PAYLOAD, ACCOUNT_KEY.getPrivateKey());

        assertProblem(ProblemType.MALFORMED, () -> verifier.verify(body, NEW_ORDER, KeyMode.JWK_OR_KID));
    }

    @Test
    void rejectsNeitherJwkNorKid() {
        ObjectNode header = kidHeader("ES256", NEW_ORDER, ACCOUNT_URL, nonces.issue());
        header.remove("kid");
        byte[] body = sign(header, PAYLOAD, ACCOUNT_KEY.getPrivateKey());

        assertProblem(ProblemType.MALFORMED, () -> verifier.verify(body, NEW_ORDER, KeyMode.JWK_OR_KID));
    }

    @Test
    void rejectsJwkWhereKidRequired() {
        byte[] body = sign(jwkHeader("ES256", NEW_ORDER, ACCOUNT_KEY, nonces.issue()), PAYLOAD,
                ACCOUNT_KEY.getPrivateKey());

        Problem problem = assertProblem(ProblemType.MALFORMED, () -> verifier.verify(body, NEW_ORDER, KeyMode.KID));
        assertTrue(problem.detail().contains("must be signed with kid"), problem.detail());
    }

    @Test
    void rejectsKidWhereJwkRequired() {
        byte[] body = sign(kidHeader("ES256", NEW_ACCOUNT, ACCOUNT_URL, nonces.issue()), PAYLOAD,
                ACCOUNT_KEY.getPrivateKey());

        Problem problem = assertProblem(ProblemType.MALFORMED, () -> verifier.verify(body, NEW_ACCOUNT, KeyMode.JWK));
        assertTrue(problem.detail().contains("must be signed with jwk"), problem.detail());
    }

    @Test
    void rejectsDuplicateMemberInProtectedHeader() {
        // Two "url" members: a lenient parser might check one and a JOSE library use the other.
        String header = "{\"alg\":\"ES256\",\"url\":\"" + BASE + "/evil\",\"url\":\"" + NEW_ORDER
                + "\",\"kid\":\"" + ACCOUNT_URL + "\",\"nonce\":\"" + nonces.issue() + "\"}";
        byte[] body = signRaw(header, PAYLOAD, ACCOUNT_KEY.getPrivateKey(), "ES256");

        assertProblem(ProblemType.MALFORMED, () -> verifier.verify(body, NEW_ORDER, KeyMode.KID));
    }

    @Test
    void rejectsDuplicateMemberInBody() {
        ObjectNode good = parse(sign(kidHeader("ES256", NEW_ORDER, ACCOUNT_URL, nonces.issue()), PAYLOAD,
                ACCOUNT_KEY.getPrivateKey()));
        String body = "{\"protected\":\"" + good.get("protected").asText() + "\",\"payload\":\"\",\"payload\":\""
                + good.get("payload").asText() + "\",\"signature\":\"" + good.get("signature").asText() + "\"}";

        assertProblem(ProblemType.MALFORMED,
                () -> verifier.verify(body.getBytes(StandardCharsets.UTF_8), NEW_ORDER, KeyMode.KID));
    }

    @Test
    void rejectsGeneralSerialization() {
        ObjectNode flat = parse(sign(kidHeader("ES256", NEW_ORDER, ACCOUNT_URL, nonces.issue()), PAYLOAD,
                ACCOUNT_KEY.getPrivateKey()));
        ObjectNode general = AcmeJson.object();
        general.put("payload", flat.get("payload").asText());
        general.putArray("signatures").addObject()
                .put("protected", flat.get("protected").asText())
                .put("signature", flat.get("signature").asText());

        assertProblem(ProblemType.MALFORMED, () -> verifier.verify(AcmeJson.write(general), NEW_ORDER, KeyMode.KID));
    }

    @Test
    void rejectsUnprotectedHeader() {
        ObjectNode body = parse(sign(kidHeader("ES256", NEW_ORDER, ACCOUNT_URL, nonces.issue()), PAYLOAD,
                ACCOUNT_KEY.getPrivateKey()));
        body.putObject("header").put("kid", BASE + "/acct/other");

        assertProblem(ProblemType.MALFORMED, () -> verifier.verify(AcmeJson.write(body), NEW_ORDER, KeyMode.KID));
    }

    @Test
    void rejectsInvalidBase64url() {
        ObjectNode body = parse(sign(kidHeader("ES256", NEW_ORDER, ACCOUNT_URL, nonces.issue()), PAYLOAD,
                ACCOUNT_KEY.getPrivateKey()));
        body.put("payload", body.get("payload").asText() + "==");

        assertProblem(ProblemType.MALFORMED, () -> verifier.verify(AcmeJson.write(body), NEW_ORDER, KeyMode.KID));
    }

    @Test
    void rejectsCriticalExtensions() {
        ObjectNode header = kidHeader("ES256", NEW_ORDER, ACCOUNT_URL, nonces.issue());
        header.put("b64", false);
        header.putArray("crit").add("b64");
        byte[] body = signRaw(header.toString(), PAYLOAD, ACCOUNT_KEY.getPrivateKey(), "ES256");

        assertProblem(ProblemType.MALFORMED, () -> verifier.verify(body, NEW_ORDER, KeyMode.KID));
    }

    @Test
    void rejectsBodyThatIsNotJson() {
        assertProblem(ProblemType.MALFORMED,
                () -> verifier.verify("not json".getBytes(StandardCharsets.UTF_8), NEW_ORDER, KeyMode.KID));
        assertProblem(ProblemType.MALFORMED,
                () -> verifier.verify("[]".getBytes(StandardCharsets.UTF_8), NEW_ORDER, KeyMode.KID));
    }

    private ObjectNode jwkHeader(String alg, String url, PublicJsonWebKey key, String nonce) {
        ObjectNode header = header(alg, url);
        header.put("nonce", nonce);
        header.set("jwk", publicJwk(key));
        return header;
    }

    private ObjectNode kidHeader(String alg, String url, String kid, String nonce) {
        ObjectNode header = header(alg, url);
        header.put("nonce", nonce);
        header.put("kid", kid);
        return header;
    }

    private Account putAccount(String url, PublicJsonWebKey key, AccountStatus status) {
        Account account = new Account(url, key.calculateBase64urlEncodedThumbprint("SHA-256"),
                key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY), List.of(), status, null, Instant.now());
        accounts.put(url, account);
        return account;
    }
}
