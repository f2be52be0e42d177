package io.acmegate.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP-01 responder (RFC 8555 §8.3): an HTTP/1.1 server that answers
 * {@code GET /.well-known/acme-challenge/{token}} with the key authorization its {@link TokenSource} publishes for
 * that token, as {@code text/plain}, and 404 for anything else. The Host header is ignored: the CA asks for the
 * customer's name, which points (or redirects) here.
 *
 * <p>It accepts GET and HEAD only, no request bodies, bounded request lines (4 KiB) and headers
 * ({@link HttpResponderConfig#maxHeaderBytes()}), keeps connections alive and answers pipelined requests in order.
 * Slow and idle clients are cut off by the configured timeouts, and connections beyond
 * {@link HttpResponderConfig#maxConnections()} are closed as soon as accepted.
 *
 * <p>Thread-safe. {@link #close()} stops listening, closes every connection and releases the threads.
 */
public final class Http01Responder implements AutoCloseable {

    /** RFC 9112 §3 recommends supporting request lines of at least 8000 octets; ours carry a 43-character token. */
    static final int MAX_REQUEST_LINE_BYTES = 4096;

    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final Channel serverChannel;
    private final ConnectionLimiter limiter;

    private Http01Responder(EventLoopGroup acceptor, EventLoopGroup workers, Channel serverChannel,
                            ConnectionLimiter limiter) {
        this.acceptor = acceptor;
        this.workers = workers;
        this.serverChannel = serverChannel;
        this.limiter = limiter;
    }

    /**
     * Starts listening on {@code config.bind()} and returns once the socket is bound.
     *
     * @throws UncheckedIOException if the address cannot be bound (in use, or a privileged port without the right)
     */
    public static Http01Responder start(HttpResponderConfig config, TokenSource tokens) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(tokens, "tokens");
        EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        // The work per request is a map look-up: one event loop per core, no more (Netty's default is two).
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                NioIoHandler.newFactory());
        ConnectionLimiter limiter = new ConnectionLimiter(config.maxConnections());
        HttpDecoderConfig decoderConfig = new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_REQUEST_LINE_BYTES)
                .setMaxHeaderSize(config.maxHeaderBytes())
                .setChunkedSupported(true);
        try {
            Channel channel = new ServerBootstrap()
                    .group(acceptor, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (!limiter.admit(ch)) {
                                return;
                            }
                            RequestTimeouts timeouts = new RequestTimeouts(config.readTimeout(), config.idleTimeout());
                            ch.pipeline().addLast(timeouts,
                                    new HttpServerCodec(decoderConfig),
                                    new ChallengeRequestHandler(tokens, timeouts));
                        }
                    })
                    .bind(config.bind())
                    .syncUninterruptibly()
                    .channel();
            return new Http01Responder(acceptor, workers, channel, limiter);
        } catch (Exception e) {
            // Netty rethrows the bind's checked IOException (e.g. BindException) undeclared.
            shutDown(acceptor, workers);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("HTTP-01 responder cannot listen on " + config.bind(), io);
            }
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    /** The address actually listened on (with the port chosen when the configuration asked for port 0). */
    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Connections open now; for tests and metrics. */
    int openConnections() {
        return limiter.openConnections();
    }

    /** Connections admitted since start; for tests and metrics. */
    long acceptedConnections() {
        return limiter.acceptedConnections();
    }

    /** Stops listening, closes open connections and waits (briefly) for the threads to end. Idempotent. */
    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        shutDown(acceptor, workers);
    }

    private static void shutDown(EventLoopGroup acceptor, EventLoopGroup workers) {
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
