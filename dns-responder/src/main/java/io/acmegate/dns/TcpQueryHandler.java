package io.acmegate.dns;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One length-framed message in, at most one out (the framing codecs sit before this handler). A connection may
 * carry many queries (RFC 7766 §6.2.1); it is closed when idle or on any channel error.
 */
final class TcpQueryHandler extends SimpleChannelInboundHandler<ByteBuf> {

    private static final Logger LOG = LoggerFactory.getLogger(TcpQueryHandler.class);

    private final WireResponder responder;
    private final Counters counters;

    TcpQueryHandler(WireResponder responder, Counters counters) {
        this.responder = responder;
        this.counters = counters;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        byte[] reply = responder.tcp(frame.nioBuffer());
        if (reply != null && reply.length > 0) {
            ctx.write(Unpooled.wrappedBuffer(reply), ctx.voidPromise());
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            ctx.close(); // RFC 7766 §6.2.3: the server may close idle connections
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        counters.errors.increment();
        LOG.debug("TCP connection {} failed; closing", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
