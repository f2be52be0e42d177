package io.acmegate.gateway.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.acmegate.gateway.model.LineageSummary;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Records to bytes and back. JSON rather than Java serialization so that a newer acmegate reads an
 * older store: unknown members are ignored and missing ones read as null.
 */
final class StoreCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private StoreCodec() {
    }

    static byte[] encode(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    /** A lineage summary in 60-odd bytes of DataOutput: a million of them load in a second or two. */
    static byte[] encode(LineageSummary s) {
        try (var bytes = new java.io.ByteArrayOutputStream(96); var out = new java.io.DataOutputStream(bytes)) {
            out.writeLong(s.id());
            out.writeUTF(s.clientId());
            out.writeByte((s.hasCertificate() ? 1 : 0) | (s.revoked() ? 2 : 0) | (s.hasEndpoints() ? 4 : 0));
            for (long time : new long[] {s.notAfter(), s.issuedAt(), s.windowStart(), s.windowEnd(), s.failureAt()}) {
                out.writeLong(time);
            }
            out.writeUTF(s.notified() == null ? "" : s.notified());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a lineage summary", e);
        }
    }

    static LineageSummary decodeSummary(byte[] bytes) {
        try (var in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            long id = in.readLong();
            String client = in.readUTF();
            int flags = in.readByte();
            long notAfter = in.readLong();
            long issuedAt = in.readLong();
            long windowStart = in.readLong();
            long windowEnd = in.readLong();
            long failureAt = in.readLong();
            String notified = in.readUTF();
            return new LineageSummary(id, client, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0, notAfter,
                    issuedAt, windowStart, windowEnd, failureAt, notified.isEmpty() ? null : notified);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode a stored lineage summary", e);
        }
    }

    static <T> T decode(byte[] bytes, Class<T> type) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode a stored " + type.getSimpleName(), e);
        }
    }
}
