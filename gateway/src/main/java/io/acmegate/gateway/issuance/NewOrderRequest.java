package io.acmegate.gateway.issuance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.acme.problem.Problems;
import io.acmegate.gateway.model.Identifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The parsed payload of newOrder (RFC 8555 §7.4): distinct identifiers (dns, and ip of RFC 8738), in the order the
 * client gave; the RFC 9773 {@code replaces} certificate identifier; the profile (the ACME profiles extension); the
 * requested validity. Absent members are null.
 */
record NewOrderRequest(List<Identifier> identifiers, String replaces, String profile, Instant notBefore,
                       Instant notAfter) {
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
        Set<Identifier> identifiers = new LinkedHashSet<>();
        for (JsonNode item : list) {
            JsonNode type = item.get("type");
            JsonNode value = item.get("value");
            if (type == null || !type.isTextual() || value == null || !value.isTextual()) {
                throw Problems.malformed("each identifier needs a string type and a string value");
            }
            if (!Identifier.DNS.equals(type.asText()) && !Identifier.IP.equals(type.asText())) {
                throw Problems.unsupportedIdentifier("identifier type \"" + abbreviate(type.asText())
                        + "\" is not supported; use \"dns\" or \"ip\"");
            }
            identifiers.add(new Identifier(type.asText(), value.asText()));
        }
        JsonNode replaces = payload.get("replaces");
        if (replaces != null && !replaces.isNull() && !replaces.isTextual()) {
            throw Problems.malformed("replaces must be a string: the certificate identifier of RFC 9773 §4.1");
        }
        JsonNode profile = payload.get("profile");
        if (profile != null && !profile.isNull() && !profile.isTextual()) {
            throw Problems.malformed("profile must be a string: one of the names in the directory's meta.profiles");
        }
        return new NewOrderRequest(List.copyOf(new ArrayList<>(identifiers)),
                replaces == null || replaces.isNull() ? null : replaces.asText(),
                profile == null || profile.isNull() ? null : profile.asText(), instant(payload, "notBefore"),
                instant(payload, "notAfter"));
    }

    /** RFC 8555 §7.1.3: notBefore and notAfter are RFC 3339 date-times. */
    private static Instant instant(ObjectNode payload, String member) {
        JsonNode value = payload.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(value.asText()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw Problems.malformed(member + " must be an RFC 3339 date-time such as 2027-01-31T00:00:00Z");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
