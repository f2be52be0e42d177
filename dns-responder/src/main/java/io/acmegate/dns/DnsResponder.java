package io.acmegate.dns;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running authoritative DNS server for the configured zones, over UDP and TCP on one port, serving the TXT
 * records a {@link TxtRecordSource} hands it. Thread-safe; {@link #close()} stops it and may be called more
 * than once.
 *
 * <pre>{@code
 * try (DnsResponder dns = DnsResponder.start(config, board::txtValues)) {
 *     ... dns.address() ...
 * }
 * }</pre>
 */
public final class DnsResponder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DnsResponder.class);

    /** Port 0 picks a UDP port; TCP on that same port may be taken meanwhile, then we try a new pair. */
    private static final int BIND_ATTEMPTS = 5;
    /** Room for any query, EDNS options included; a query is small, a larger datagram is malformed anyway. */
    private static final int UDP_RECEIVE_BUFFER = 4096;

    private final EventLoopGroup group;
    private final Channel udp;
    private final Channel tcp;
    private final Counters counters;

    private DnsResponder(EventLoopGroup group, Channel udp, Channel tcp, Counters counters) {
        this.group = group;
        this.udp = udp;
        this.tcp = tcp;
        this.counters = counters;
    }

    /**
     * Binds UDP and TCP on {@code config.bind()} and starts answering.
     *
     * @throws IllegalStateException if the port cannot be bound (the cause says why)
     */
    public static DnsResponder start(DnsResponderConfig config, TxtRecordSource source) {
        var counters = new Counters();
        var answerer = new Answerer(new Zones(config.zones()), source, config.txtTtl(), config.maxUdpPayload());
        var rateLimiter = config.responsesPerSecondPerSource() == 0 ? null
                : new ResponseRateLimiter(config.responsesPerSecondPerSource(), config.rrlSlip(), System::nanoTime);
        var responder = new WireResponder(answerer, rateLimiter, config.maxUdpPayload(), counters);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(config.ioThreads(), NioIoHandler.newFactory());
        try {
            Channel[] channels = bind(config, group, responder, counters);
            var started = new DnsResponder(group, channels[0], channels[1], counters);
            LOG.info("DNS responder on {} (UDP+TCP) for {}", started.address(),
                    config.zones().stream().map(DnsZone::apex).toList());
            return started;
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    /** The bound address, with the actual port when port 0 was asked for. */
    public InetSocketAddress address() {
        return (InetSocketAddress) udp.localAddress();
    }

    /** Counters since start. */
    public DnsResponderStats stats() {
        return counters.snapshot();
    }

    @Override
    public void close() {
        udp.close().awaitUninterruptibly();
        tcp.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private static Channel[] bind(DnsResponderConfig config, EventLoopGroup group, WireResponder responder,
                                  Counters counters) {
        Bootstrap udpBootstrap = new Bootstrap()
                .group(group)
                .channel(NioDatagramChannel.class)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(UDP_RECEIVE_BUFFER))
                .option(ChannelOption.SO_RCVBUF, 4 << 20)
                .option(ChannelOption.SO_SNDBUF, 4 << 20)
                .handler(new UdpQueryHandler(responder, counters));
        ServerBootstrap tcpBootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new TcpInitializer(config, responder, counters));
        InetSocketAddress wanted = config.bind();
        RuntimeException last = null;
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            Channel udp = bindOrThrow(udpBootstrap.bind(wanted), "UDP", wanted);
            var actual = new InetSocketAddress(wanted.getAddress(), ((InetSocketAddress) udp.localAddress()).getPort());
            try {
                Channel tcp = bindOrThrow(tcpBootstrap.bind(actual), "TCP", actual);
                return new Channel[] {udp, tcp};
            } catch (IllegalStateException e) {
                udp.close().awaitUninterruptibly();
                if (wanted.getPort() != 0) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    private static Channel bindOrThrow(io.netty.channel.ChannelFuture future, String transport,
                                       InetSocketAddress address) {
        future.awaitUninterruptibly();
        if (!future.isSuccess()) {
            throw new IllegalStateException("cannot bind DNS " + transport + " on " + address, future.cause());
        }
        return future.channel();
    }

    /** Per connection: the connection cap, idle timeout, 2-byte length framing (RFC 1035 §4.2.2), the handler. */
    private static final class TcpInitializer extends ChannelInitializer<SocketChannel> {
        private final DnsResponderConfig config;
        private final WireResponder responder;
        private final Counters counters;
        private final AtomicInteger open = new AtomicInteger();

        TcpInitializer(DnsResponderConfig config, WireResponder responder, Counters counters) {
            this.config = config;
            this.responder = responder;
            this.counters = counters;
        }

        @Override
        protected void initChannel(SocketChannel channel) {
            if (open.incrementAndGet() > config.maxTcpConnections()) {
                open.decrementAndGet();
                counters.tcpConnectionsRefused.increment();
                channel.close();
                return;
            }
            channel.closeFuture().addListener(f -> open.decrementAndGet());
            channel.pipeline().addLast(
                    new IdleStateHandler(0, 0, config.tcpIdleTimeout().toMillis(), TimeUnit.MILLISECONDS),
                    new LengthFieldBasedFrameDecoder(WireResponder.TCP_MAX_MESSAGE, 0, 2, 0, 2),
                    new LengthFieldPrepender(2),
                    new TcpQueryHandler(responder, counters));
        }
    }
}
