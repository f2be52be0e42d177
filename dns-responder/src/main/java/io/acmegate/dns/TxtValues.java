package io.acmegate.dns;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;

/** Turns a published value into a TXT record, split into character-strings of at most 255 bytes (RFC 1035 §3.3). */
final class TxtValues {

    private static final int MAX_STRING = 255;

    private TxtValues() {
    }

    static TXTRecord record(Name owner, long ttl, String value) {
        return new TXTRecord(owner, DClass.IN, ttl, characterStrings(value));
    }

    /**
     * The value's UTF-8 bytes in chunks of 255, each written in the presentation form dnsjava parses: bytes other
     * than printable ASCII, and the escape character itself, as {@code \DDD}, so that any value round-trips.
     */
    static List<String> characterStrings(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        var strings = new ArrayList<String>((bytes.length / MAX_STRING) + 1);
        int start = 0;
        do {
            int end = Math.min(bytes.length, start + MAX_STRING);
            strings.add(presentation(bytes, start, end));
            start = end;
        } while (start < bytes.length);
        return strings;
    }

    private static String presentation(byte[] bytes, int start, int end) {
        var sb = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            int b = bytes[i] & 0xFF;
            if (b >= 0x20 && b < 0x7F && b != '\\') {
                sb.append((char) b);
            } else {
                sb.append('\\').append((char) ('0' + b / 100)).append((char) ('0' + b / 10 % 10))
                        .append((char) ('0' + b % 10));
            }
        }
        return sb.toString();
    }
}
