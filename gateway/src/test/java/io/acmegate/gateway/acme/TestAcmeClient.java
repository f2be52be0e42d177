package io.acmegate.gateway.acme;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.upstream.acme.TrustingAcmeProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.EllipticCurves;

/**
 * A deliberately bare ACME client for server tests: it signs exactly what a test asks for, so that
 * tests can also send what no real client would.
 */
final class TestAcmeClient {
    final HttpClient http;
    final String directory;
    PublicJsonWebKey key;
    String accountUrl;

    TestAcmeClient(String directory, Path trustedRoot) throws Exception {
        this.directory = directory;
        this.http = HttpClient.newBuilder().sslContext(TrustingAcmeProvider.trusting(trustedRoot))
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
    }

    String url(String directoryField) throws Exception {
        return AcmeJson.parseObject(get(directory).body(), "directory").path(directoryField).asText();
    }

    HttpResponse<byte[]> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    String nonce() throws Exception {
        HttpResponse<Void> res = http.send(HttpRequest.newBuilder(URI.create(url("newNonce")))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        return res.headers().firstValue("Replay-Nonce").orElseThrow();
    }

    /** A flattened JWS (RFC 8555 §6.2) over payload, signed with jwk when no account exists yet, else kid. */
    String sign(String url, String payload, String nonce) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(payload);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setKey(key.getPrivateKey());
        jws.getHeaders().setObjectHeaderValue("url", url);
        jws.getHeaders().setObjectHeaderValue("nonce", nonce);
        if (accountUrl == null) {
            jws.setJwkHeader(PublicJsonWebKey.Factory.newPublicJwk(key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
        } else {
            jws.setKeyIdHeaderValue(accountUrl);
        }
        String[] parts = jws.getCompactSerialization().split("\\.", -1);
        return AcmeJson.object().put("protected", parts[0]).put("payload", parts[1]).put("signature", parts[2])
                .toString();
    }

    /** The inner JWS of a key change (RFC 8555 §7.3.5): signed by {@code newKey}, given as jwk, with no nonce. */
    static ObjectNode innerJws(String url, String payload, PublicJsonWebKey newKey, boolean withNonce) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(payload);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setKey(newKey.getPrivateKey());
        jws.getHeaders().setObjectHeaderValue("url", url);
        if (withNonce) {
            jws.getHeaders().setObjectHeaderValue("nonce", "inner-nonce");
        }
        jws.setJwkHeader(PublicJsonWebKey.Factory.newPublicJwk(newKey.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
        String[] parts = jws.getCompactSerialization().split("\\.", -1);
        return AcmeJson.object().put("protected", parts[0]).put("payload", parts[1]).put("signature", parts[2]);
    }

    String publicJwk() {
        return key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    HttpResponse<byte[]> post(String url, String body, String contentType) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> post(String url, String payload) throws Exception {
        return post(url, sign(url, payload, nonce()), "application/jose+json");
    }

    ObjectNode json(HttpResponse<byte[]> res) {
        return AcmeJson.parseObject(res.body(), "response");
    }

    String register() throws Exception {
        HttpResponse<byte[]> res = post(url("newAccount"), "{\"termsOfServiceAgreed\":true}");
        if (res.statusCode() != 201) {
            throw new AssertionError("newAccount: " + res.statusCode() + " " + new String(res.body(),
                    StandardCharsets.UTF_8));
        }
        accountUrl = res.headers().firstValue("Location").orElseThrow();
        return accountUrl;
    }
}
