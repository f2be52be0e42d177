package io.acmegate.gateway.acme.jws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.acme.problem.Problems;
import io.acmegate.gateway.model.Account;
import io.acmegate.gateway.model.AccountStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * Verifies the JWS that carries every ACME POST (RFC 8555 §6.2–§6.5): structure, algorithm, key,
 * URL, signature and nonce. Every failure is thrown as an
 * {@link io.acmegate.gateway.acme.problem.AcmeProblemException}. Thread-safe.
 */
public final class JwsVerifier {
    /** The algorithms acmegate accepts, as listed in badSignatureAlgorithm problems (§6.2). */
    public static final List<String> ALGORITHMS = List.of("RS256", "ES256", "ES384", "ES512", "EdDSA");

    private static final String BODY = "JWS request body";

    private final NonceService nonces;
    private final Function<String, Optional<Account>> accountByKidUrl;
    // Keyed by the stored JWK text rather than the account id, so that a key rollover (§7.3.5)
    // can never leave a stale key in the cache.
    /** Account key JSON → parsed key and verification key: parsing and conversion are done once per key. */
    private final Cache<String, Signer> accountKeys = Caffeine.newBuilder().maximumSize(10_000).build();

    /**
     * @param accountByKidUrl finds the account whose URL is the given "kid" (§6.2); empty when none
     */
    public JwsVerifier(NonceService nonces, Function<String, Optional<Account>> accountByKidUrl) {
        this.nonces = Objects.requireNonNull(nonces, "nonces");
        this.accountByKidUrl = Objects.requireNonNull(accountByKidUrl, "accountByKidUrl");
    }

    /**
     * Verifies one request and consumes its nonce. The nonce is consumed only after the signature
     * verified, so a forged request cannot burn a client's nonce.
     *
     * @param body       the raw HTTP body
     * @param requestUrl the absolute URL the client posted to (scheme://host:port/path)
     * @param mode       the key reference the resource accepts
     * @return the verified request with its decoded payload
     */
    public VerifiedRequest verify(byte[] body, String requestUrl, KeyMode mode) {
        FlattenedJws jws = FlattenedJws.parse(AcmeJson.parseObject(body, BODY), BODY);
        String algorithm = algorithm(jws);
        rejectExtensions(jws.header());

        String url = jws.headerText("url");
        if (url == null) {
            throw Problems.malformed("JWS protected header has no \"url\"");
        }
        if (!url.equals(requestUrl)) {
            // RFC 8555 §6.4: the signed URL must be the one the request was sent to.
            throw Problems.unauthorized("JWS header \"url\" " + url + " does not match the request URL " + requestUrl);
        }
        String nonce = jws.headerText("nonce");
        if (nonce == null) {
            throw Problems.badNonce("the JWS protected header has no \"nonce\"");
        }

        Signer signer = signer(jws, mode);
        String keyAlgorithm = AccountKeys.algorithmFor(signer.key(), "the signing key");
        if (!keyAlgorithm.equals(algorithm)) {
            throw Problems.badSignatureAlgorithm("JWS algorithm " + algorithm + " does not fit the signing key, which signs with "
                    + keyAlgorithm, ALGORITHMS);
        }
        // Boulder and Pebble answer a bad signature with malformed: the request is not a valid JWS.
        // unauthorized would suggest that some other key might be allowed, which is not the case.
        boolean valid;
        try {
            valid = jws.verifies(signer.verificationKey(), algorithm);
        } catch (JoseException e) {
            throw Problems.malformed("JWS signature is invalid: " + e.getMessage());
        }
        if (!valid) {
            throw Problems.malformed("JWS signature is invalid");
        }
        if (!nonces.consume(nonce)) {
            throw Problems.badNonce("the nonce is unknown, already used or expired");
        }
        String thumbprint = signer.account() != null ? signer.account().keyThumbprint()
                : AccountKeys.thumbprint(signer.key());
        return new VerifiedRequest(url, jws.payload(), signer.key(), thumbprint, signer.account());
    }

    /**
     * The inner JWS of a key change (RFC 8555 §7.3.5): signed by the new key, given as "jwk"; the same "url" as the
     * outer request; no "nonce" (the outer JWS carries the one nonce).
     *
     * @param inner    the outer request's payload, parsed
     * @param outerUrl the URL the outer JWS was verified for
     * @return the new key and the inner payload
     */
    public VerifiedRequest verifyKeyChangeInner(JsonNode inner, String outerUrl) {
        String what = "keyChange inner JWS";
        FlattenedJws jws = FlattenedJws.parse(inner, what);
        String algorithm = algorithm(jws);
        rejectExtensions(jws.header());
        if (!outerUrl.equals(jws.headerText("url"))) {
            throw Problems.malformed(what + ": its \"url\" must be the outer JWS's, " + outerUrl);
        }
        if (jws.header().has("nonce")) {
            throw Problems.malformed(what + " must not have a \"nonce\" (RFC 8555 §7.3.5)");
        }
        if (!jws.header().has("jwk") || jws.header().has("kid")) {
            throw Problems.malformed(what + " must carry the new key as \"jwk\", without \"kid\"");
        }
        PublicJsonWebKey key = AccountKeys.parseAcceptable(jws.header().get("jwk"), what + " \"jwk\"");
        if (!AccountKeys.algorithmFor(key, "the new key").equals(algorithm)) {
            throw Problems.badSignatureAlgorithm(what + ": algorithm " + algorithm + " does not fit the new key",
                    ALGORITHMS);
        }
        try {
            if (!jws.verifies(AccountKeys.verificationKey(key), algorithm)) {
                throw Problems.malformed(what + ": the signature by the new key is invalid");
            }
        } catch (JoseException e) {
            throw Problems.malformed(what + ": the signature by the new key is invalid: " + e.getMessage());
        }
        return new VerifiedRequest(outerUrl, jws.payload(), key, AccountKeys.thumbprint(key), null);
    }

    /** The RFC 7638 thumbprint of a JWK a client sent (e.g. keyChange's "oldKey"). */
    public static String thumbprintOf(JsonNode jwk, String what) {
        return AccountKeys.thumbprint(AccountKeys.parse(jwk, what));
    }

    private static String algorithm(FlattenedJws jws) {
        JsonNode alg = jws.header().path("alg");
        if (!alg.isTextual()) {
            throw Problems.badSignatureAlgorithm("JWS protected header has no \"alg\" string", ALGORITHMS);
        }
        String algorithm = alg.asText();
        if (!ALGORITHMS.contains(algorithm)) {
            // Covers "none" and the MAC algorithms, which RFC 8555 §6.2 forbids.
            throw Problems.badSignatureAlgorithm("JWS algorithm \"" + algorithm + "\" is not supported", ALGORITHMS);
        }
        return algorithm;
    }

    /**
     * RFC 8555 defines no JWS extensions. "b64" (RFC 7797) would change what the signature covers,
     * so it and any "crit" list are refused outright rather than left to the JOSE library.
     */
    private static void rejectExtensions(ObjectNode header) {
        for (String member : List.of("crit", "b64")) {
            if (header.has(member)) {
                throw Problems.malformed("JWS protected header member \"" + member + "\" is not supported");
            }
        }
    }

    private Signer signer(FlattenedJws jws, KeyMode mode) {
        boolean hasJwk = jws.header().has("jwk");
        boolean hasKid = jws.header().has("kid");
        if (hasJwk == hasKid) {
            // RFC 8555 §6.2: "jwk" and "kid" are mutually exclusive, and one is required.
            throw Problems.malformed("JWS protected header must contain exactly one of \"jwk\" and \"kid\"");
        }
        if (hasJwk && !mode.allowsJwk()) {
            throw Problems.malformed("this resource must be signed with kid (the account URL), not jwk");
        }
        if (hasKid && !mode.allowsKid()) {
            throw Problems.malformed("this resource must be signed with jwk (the embedded key), not kid");
        }
        if (hasJwk) {
            PublicJsonWebKey key = AccountKeys.parseAcceptable(jws.header().get("jwk"), "JWS header \"jwk\"");
            return new Signer(key, AccountKeys.verificationKey(key), null);
        }
        String kid = jws.headerText("kid");
        Account account = accountByKidUrl.apply(kid)
                .orElseThrow(() -> Problems.accountDoesNotExist("no account exists at " + kid));
        if (account.status() != AccountStatus.VALID) {
            // RFC 8555 §7.3.6: requests signed by a deactivated account are refused with unauthorized.
            throw Problems.unauthorized("account is " + account.status().wireName());
        }
        Signer cached = accountKeys.get(account.jwk(), json -> {
            PublicJsonWebKey key = AccountKeys.parseStored(json);
            return new Signer(key, AccountKeys.verificationKey(key), null);
        });
        return new Signer(cached.key(), cached.verificationKey(), account);
    }

    private record Signer(PublicJsonWebKey key, java.security.Key verificationKey, Account account) {
    }
}
