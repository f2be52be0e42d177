package io.acmegate.gateway.registration;

import com.fasterxml.jackson.databind.JsonNode;
import io.acmegate.gateway.acme.problem.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which account contacts acmegate accepts (RFC 8555 §7.3): mailto: URLs with one plain address each,
 * like Let's Encrypt. Other schemes are {@code unsupportedContact}; bad addresses {@code invalidContact}.
 */
final class ContactRules {
    static final int MAX_CONTACTS = 10;
    /** A deliberately plain address: local part and a domain with a dot; no quoting, no comments. */
    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    private ContactRules() {
    }

    /** @param contact the "contact" member of a request payload, or null when absent */
    static List<String> check(JsonNode contact) {
        if (contact == null || contact.isNull()) {
            return List.of();
        }
        if (!contact.isArray()) {
            throw Problems.malformed("contact must be an array of URLs");
        }
        if (contact.size() > MAX_CONTACTS) {
            throw Problems.malformed("at most " + MAX_CONTACTS + " contacts are accepted");
        }
        List<String> result = new ArrayList<>();
        for (JsonNode item : contact) {
            if (!item.isTextual()) {
                throw Problems.malformed("each contact must be a string");
            }
            result.add(checkOne(item.asText()));
        }
        return List.copyOf(result);
    }

    private static String checkOne(String url) {
        if (!url.regionMatches(true, 0, "mailto:", 0, 7)) {
            throw Problems.unsupportedContact("only mailto: contacts are supported, not " + abbreviate(url));
        }
        String address = url.substring(7);
        if (address.contains("?") || address.contains(",")) {
            throw Problems.invalidContact("a contact names one address without header fields: " + abbreviate(url));
        }
        if (address.length() > 254 || !ADDRESS.matcher(address).matches()) {
            throw Problems.invalidContact("not a valid email address: " + abbreviate(address));
        }
        return "mailto:" + address.toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
