package io.acmegate.gateway.issuance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.acme.problem.Problems;
import io.acmegate.gateway.model.Identifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The parsed payload of newOrder (RFC 8555 §7.4): distinct identifiers, in the order the client gave,
 * and the RFC 9773 {@code replaces} certificate identifier, or null.
 */
record NewOrderRequest(List<Identifier> identifiers, String replaces) {
    /** Let's Encrypt's limit; a CSR with more names is a mistake, not a use case. */
    static final int MAX_IDENTIFIERS = 100;

    static NewOrderRequest parse(ObjectNode payload) {
        JsonNode list = payload.get("identifiers");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw Problems.malformed("newOrder needs a non-empty identifiers array");
        }
        if (list.size() > MAX_IDENTIFIERS) {
            throw Problems.rejectedIdentifier("an order may name at most " + MAX_IDENTIFIERS + " identifiers");
        }
        if (payload.hasNonNull("notBefore") || payload.hasNonNull("notAfter")) {
            throw Problems.malformed("notBefore and notAfter are not supported by this server; leave them out");
        }
        Set<Identifier> identifiers = new LinkedHashSet<>();
        for (JsonNode item : list) {
            JsonNode type = item.get("type");
            JsonNode value = item.get("value");
            if (type == null || !type.isTextual() || value == null || !value.isTextual()) {
                throw Problems.malformed("each identifier needs a string type and a string value");
            }
            if (!Identifier.DNS.equals(type.asText())) {
                throw Problems.unsupportedIdentifier("identifier type \"" + abbreviate(type.asText())
                        + "\" is not supported; use \"dns\"");
            }
            identifiers.add(Identifier.dns(value.asText()));
        }
        JsonNode replaces = payload.get("replaces");
        if (replaces != null && !replaces.isNull() && !replaces.isTextual()) {
            throw Problems.malformed("replaces must be a string: the certificate identifier of RFC 9773 §4.1");
        }
        return new NewOrderRequest(List.copyOf(new ArrayList<>(identifiers)),
                replaces == null || replaces.isNull() ? null : replaces.asText());
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
