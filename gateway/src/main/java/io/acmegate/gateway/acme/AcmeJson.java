package io.acmegate.gateway.acme;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.acme.problem.Problems;
import java.io.IOException;

/**
 * The JSON reader and writer for everything that crosses the ACME wire. Parsing is strict:
 * duplicate members are rejected (RFC 7515 §5.2, RFC 8555 §6.2), and a body that is not exactly one
 * JSON object is {@code malformed}.
 */
public final class AcmeJson {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private AcmeJson() {
    }

    /** Parses a JSON object, or throws {@code malformed} naming {@code what}. */
    public static ObjectNode parseObject(byte[] json, String what) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (IOException e) {
            throw Problems.malformed(what + " is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (!(node instanceof ObjectNode object)) {
            throw Problems.malformed(what + " must be a JSON object");
        }
        return object;
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize JSON", e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

}
