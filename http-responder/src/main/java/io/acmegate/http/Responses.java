package io.acmegate.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;

/** Builds the few responses the responder sends: always a complete body with its length, never cached. */
final class Responses {

    static final AsciiString TEXT_PLAIN = AsciiString.cached("text/plain");
    static final AsciiString ALLOWED_METHODS = AsciiString.cached("GET, HEAD");
    /** Every header this class sets is a constant or a number: validating them again per response is waste. */
    private static final HttpHeadersFactory RESPONSE_HEADERS = DefaultHttpHeadersFactory.headersFactory()
            .withValidation(false);

    private Responses() {
    }

    /**
     * A response whose body is {@code body}; for a HEAD request ({@code headOnly}) the headers describe that body
     * but none is sent (RFC 9110 §9.3.2).
     */
    static FullHttpResponse text(ByteBufAllocator alloc, HttpVersion version, HttpResponseStatus status, String body,
                                 boolean headOnly) {
        // Key authorizations and our messages are ASCII (RFC 8555 §8.1: base64url and ".").
        ByteBuf content = headOnly ? Unpooled.EMPTY_BUFFER : ByteBufUtil.writeAscii(alloc, body);
        FullHttpResponse response = new DefaultFullHttpResponse(version, status, content, RESPONSE_HEADERS,
                RESPONSE_HEADERS);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, TEXT_PLAIN)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length())
                // A key authorization is valid for one challenge only: no cache may keep it.
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        return response;
    }

    /** A short plain-text error whose body is the status's reason phrase. */
    static FullHttpResponse error(ByteBufAllocator alloc, HttpVersion version, HttpResponseStatus status,
                                  boolean headOnly) {
        return text(alloc, version, status, status.reasonPhrase().toLowerCase(java.util.Locale.ROOT) + "\n", headOnly);
    }
}
