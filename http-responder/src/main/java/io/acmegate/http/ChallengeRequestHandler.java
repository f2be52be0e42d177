package io.acmegate.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;

import java.util.Optional;

/**
 * Answers one connection's requests in order (so pipelining is safe): 200 with the key authorization for a
 * published token (RFC 8555 §8.3), 404 for any other target, 405 for methods other than GET and HEAD, 400 and close
 * for a malformed request or one that carries a body. Responses are written as requests are decoded and flushed once
 * per read, so a pipelined batch leaves in one write.
 *
 * <p>Event-loop confined, one instance per connection. Never lets an exception escape: a failure closes the
 * connection.
 */
final class ChallengeRequestHandler extends ChannelInboundHandlerAdapter {

    private final TokenSource tokens;
    private final RequestTimeouts timeouts;
    /** Set once a response that closes the connection has been written: what follows on the wire is ignored. */
    private boolean closing;

    ChallengeRequestHandler(TokenSource tokens, RequestTimeouts timeouts) {
        this.tokens = tokens;
        this.timeouts = timeouts;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (closing) {
                return;
            }
            if (msg instanceof HttpRequest request) {
                answer(ctx, request);
            }
            if (msg instanceof LastHttpContent && !closing) {
                timeouts.requestReceived();
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    /** Back-pressure: a client that pipelines requests without reading the answers is not read from meanwhile. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets and other I/O failures end here; nothing can be answered on such a connection.
        ctx.close();
    }

    private void answer(ChannelHandlerContext ctx, HttpRequest request) {
        DecoderResult decoded = request.decoderResult();
        if (!decoded.isSuccess()) {
            respondAndClose(ctx, HttpVersion.HTTP_1_1, statusFor(decoded.cause()), false);
            return;
        }
        HttpVersion version = request.protocolVersion();
        HttpMethod method = request.method();
        boolean head = HttpMethod.HEAD.equals(method);
        if (!head && !HttpMethod.GET.equals(method)) {
            FullHttpResponse response = Responses.error(ctx.alloc(), version, HttpResponseStatus.METHOD_NOT_ALLOWED, false);
            response.headers().set(HttpHeaderNames.ALLOW, Responses.ALLOWED_METHODS);
            // The body of such a request, if any, is not read: closing is simpler than draining it.
            send(ctx, response, !declaresBody(request) && HttpUtil.isKeepAlive(request));
            return;
        }
        if (declaresBody(request)) {
            // A challenge GET has no body (RFC 8555 §8.3); accepting none keeps the responder's memory bounded.
            respondAndClose(ctx, version, HttpResponseStatus.BAD_REQUEST, head);
            return;
        }
        send(ctx, lookUp(ctx, version, request.uri(), head), HttpUtil.isKeepAlive(request));
    }

    private FullHttpResponse lookUp(ChannelHandlerContext ctx, HttpVersion version, String target, boolean head) {
        Optional<String> token = ChallengePath.token(target);
        if (token.isEmpty()) {
            return Responses.error(ctx.alloc(), version, HttpResponseStatus.NOT_FOUND, head);
        }
        Optional<String> keyAuthorization;
        try {
            keyAuthorization = tokens.keyAuthorization(token.get());
        } catch (RuntimeException e) {
            FullHttpResponse failure = Responses.error(ctx.alloc(), version, HttpResponseStatus.INTERNAL_SERVER_ERROR, head);
            failure.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            return failure;
        }
        // RFC 8555 §8.3: the body is the key authorization, nothing before or after it.
        return keyAuthorization
                .map(body -> Responses.text(ctx.alloc(), version, HttpResponseStatus.OK, body, head))
                .orElseGet(() -> Responses.error(ctx.alloc(), version, HttpResponseStatus.NOT_FOUND, head));
    }

    private void send(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        if (keepAlive && !response.headers().contains(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true)) {
            // HTTP/1.0 keeps the connection only when both sides say keep-alive; HTTP/1.1 by default.
            HttpUtil.setKeepAlive(response, true);
            ctx.write(response, ctx.voidPromise());
            if (!ctx.channel().isWritable()) {
                ctx.flush();
            }
            return;
        }
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        closing = true;
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private void respondAndClose(ChannelHandlerContext ctx, HttpVersion version, HttpResponseStatus status, boolean head) {
        send(ctx, Responses.error(ctx.alloc(), version, status, head), false);
    }

    private static boolean declaresBody(HttpRequest request) {
        return HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
    }

    /** RFC 6585 §5: 431 for a header block over the limit; 414 for an over-long request line; 400 otherwise. */
    private static HttpResponseStatus statusFor(Throwable cause) {
        if (cause instanceof TooLongHttpHeaderException) {
            return HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
        }
        if (cause instanceof TooLongHttpLineException) {
            return HttpResponseStatus.REQUEST_URI_TOO_LONG;
        }
        return cause instanceof TooLongFrameException
                ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                : HttpResponseStatus.BAD_REQUEST;
    }
}
