package io.acmegate.gateway.acme.jws;

import com.fasterxml.jackson.databind.JsonNode;
import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.acme.problem.Problems;
import io.acmegate.gateway.model.EabKey;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.InvalidKeyException;
import org.jose4j.lang.JoseException;

/**
 * Verifies the External Account Binding of a newAccount request (RFC 8555 §7.3.4): a JWS, MACed
 * with a key the CA handed out beforehand, whose payload is the account key being registered.
 */
public final class ExternalAccountBinding {
    private static final String ALGORITHM = "HS256";
    private static final String WHAT = "externalAccountBinding";

    private ExternalAccountBinding() {
    }

    /**
     * Verifies the "externalAccountBinding" member of a newAccount payload.
     *
     * @param eab             the member's value
     * @param outerAccountKey the jwk that signed the newAccount request (already verified)
     * @param newAccountUrl   the newAccount URL, which the binding must name in its "url"
     * @param keys            finds an EAB key by its key id; empty when there is none
     * @return the EAB key id the binding names
     * @throws io.acmegate.gateway.acme.problem.AcmeProblemException {@code malformed} for a binding
     *         that is not a well-formed flattened JWS, {@code badSignatureAlgorithm} for any alg other
     *         than HS256, {@code unauthorized} for an unknown key, wrong url, wrong MAC or another key
     */
    public static String verify(JsonNode eab, PublicJsonWebKey outerAccountKey, String newAccountUrl,
                                Function<String, Optional<EabKey>> keys) {
        FlattenedJws jws = FlattenedJws.parse(eab, WHAT);
        String algorithm = jws.header().path("alg").isTextual() ? jws.header().get("alg").asText() : null;
        if (!ALGORITHM.equals(algorithm)) {
            // §7.3.4: the binding is MACed with the EAB key; a signature algorithm proves nothing here.
            throw Problems.badSignatureAlgorithm(WHAT + " must use alg HS256", List.of(ALGORITHM));
        }
        if (jws.header().has("nonce")) {
            throw Problems.malformed(WHAT + " protected header MUST NOT contain a nonce (RFC 8555 §7.3.4)");
        }
        String url = jws.headerText("url");
        if (url == null) {
            throw Problems.malformed(WHAT + " protected header has no \"url\"");
        }
        if (!url.equals(newAccountUrl)) {
            throw Problems.unauthorized(WHAT + " \"url\" must be the newAccount URL " + newAccountUrl);
        }
        String keyId = jws.headerText("kid");
        if (keyId == null) {
            throw Problems.malformed(WHAT + " protected header has no \"kid\"");
        }
        EabKey key = keys.apply(keyId)
                .orElseThrow(() -> Problems.unauthorized("unknown external account binding key"));

        boolean valid;
        try {
            valid = jws.verifies(new HmacKey(key.hmacKey()), ALGORITHM);
        } catch (InvalidKeyException e) {
            // jose4j refuses HS256 keys shorter than 256 bits: the key was set up wrongly, not by the client.
            throw Problems.serverInternal("external account binding key " + keyId + " is unusable for HS256");
        } catch (JoseException e) {
            throw Problems.malformed(WHAT + " cannot be verified: " + e.getMessage());
        }
        if (!valid) {
            throw Problems.unauthorized(WHAT + " MAC does not verify with key " + keyId);
        }

        // §7.3.4: the payload is the account key itself; compare keys, not JSON text.
        PublicJsonWebKey boundKey = AccountKeys.parse(AcmeJson.parseObject(jws.payload(), WHAT + " payload"),
                WHAT + " payload");
        if (!AccountKeys.thumbprint(boundKey).equals(AccountKeys.thumbprint(outerAccountKey))) {
            throw Problems.unauthorized(WHAT + " binds a different key than the one that signed the request");
        }
        return keyId;
    }
}
