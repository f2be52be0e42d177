package io.acmegate.gateway.acme;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.model.Account;
import io.acmegate.gateway.model.Authorization;
import io.acmegate.gateway.model.CertificateTerms;
import io.acmegate.gateway.model.Challenge;
import io.acmegate.gateway.model.Identifier;
import io.acmegate.gateway.model.Order;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The JSON objects of RFC 8555 §7.1 for acmegate's resources. */
public final class ResourceJson {
    private final AcmeUrls urls;

    public ResourceJson(AcmeUrls urls) {
        this.urls = urls;
    }

    /** RFC 8555 §7.1.2. */
    public ObjectNode account(Account account) {
        ObjectNode json = AcmeJson.object().put("status", account.status().wireName());
        ArrayNode contact = json.putArray("contact");
        account.contact().forEach(contact::add);
        json.put("orders", urls.orders(account.id()));
        return json;
    }

    /** RFC 8555 §7.1.3. */
    public ObjectNode order(Order order) {
        ObjectNode json = AcmeJson.object()
                .put("status", order.status().wireName())
                .put("expires", timestamp(order.expires()));
        ArrayNode identifiers = json.putArray("identifiers");
        for (Identifier id : order.identifiers()) {
            identifiers.addObject().put("type", id.type()).put("value", id.value());
        }
        CertificateTerms terms = order.terms();
        if (terms != null) {
            json.put("profile", terms.profile());
            if (terms.notBefore() != null) {
                json.put("notBefore", timestamp(terms.notBefore()));
            }
            if (terms.notAfter() != null) {
                json.put("notAfter", timestamp(terms.notAfter()));
            }
        }
        ArrayNode authorizations = json.putArray("authorizations");
        order.authorizationIds().forEach(id -> authorizations.add(urls.authorization(id)));
        json.put("finalize", urls.finalizeOrder(order.id()));
        if (order.certificateId() != null) {
            json.put("certificate", urls.certificate(order.certificateId()));
        }
        if (order.error() != null) {
            json.set("error", AcmeResponses.problemJson(order.error()));
        }
        return json;
    }

    /**
     * RFC 8555 §7.1.4. An authorization that policy created valid (a trusted account) lists no
     * challenges: none was validated, and there is nothing left for the client to do.
     */
    public ObjectNode authorization(Authorization authz, Instant now) {
        ObjectNode json = AcmeJson.object()
                .put("status", authz.statusAt(now).wireName())
                .put("expires", timestamp(authz.expires()));
        json.putObject("identifier").put("type", authz.identifier().type()).put("value", authz.identifier().value());
        var challenges = json.putArray("challenges");
        authz.challenges().forEach(c -> challenges.add(challenge(authz, c)));
        if (authz.wildcard()) {
            json.put("wildcard", true);
        }
        return json;
    }

    /** RFC 8555 §7.1.5 and §8: the challenge with its token; the error once validation failed. */
    public ObjectNode challenge(Authorization authz, Challenge challenge) {
        ObjectNode json = AcmeJson.object()
                .put("type", challenge.type())
                .put("url", urls.challenge(authz.id(), challenge.type()))
                .put("status", challenge.status().wireName())
                .put("token", challenge.token());
        if (challenge.validated() != null) {
            json.put("validated", timestamp(challenge.validated()));
        }
        if (challenge.error() != null) {
            json.set("error", AcmeResponses.problemJson(challenge.error()));
        }
        return json;
    }

    /** RFC 3339, to the second, as Boulder and Pebble write it. */
    static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
