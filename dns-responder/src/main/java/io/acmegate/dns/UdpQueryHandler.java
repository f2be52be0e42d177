package io.acmegate.dns;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One datagram in, at most one datagram out, to the sender. Replies are written as they are built and flushed
 * once per read batch. Nothing propagates out of here: a failing datagram is counted and forgotten.
 */
@ChannelHandler.Sharable
final class UdpQueryHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    private static final Logger LOG = LoggerFactory.getLogger(UdpQueryHandler.class);

    private final WireResponder responder;
    private final Counters counters;

    UdpQueryHandler(WireResponder responder, Counters counters) {
        this.responder = responder;
        this.counters = counters;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        byte[] reply = responder.udp(packet.content().nioBuffer(), packet.sender().getAddress());
        if (reply != null && reply.length > 0) {
            ctx.write(new DatagramPacket(Unpooled.wrappedBuffer(reply), packet.sender()), ctx.voidPromise());
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A UDP socket error (say ICMP port unreachable surfacing) is about one peer, never about the socket.
        counters.errors.increment();
        LOG.debug("UDP channel error", cause);
    }
}
