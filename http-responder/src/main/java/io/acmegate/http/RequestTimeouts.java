package io.acmegate.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One deadline per connection, on raw bytes before the HTTP codec. While the connection waits for a request the
 * deadline is the keep-alive {@code idleTimeout}; from the first byte of a request it is {@code readTimeout}, so a
 * client that sends its headers one byte at a time (slowloris) is cut off however steadily it trickles, which an
 * inactivity timer ({@code IdleStateHandler}) would not do. A request that runs out of time is answered 408
 * (RFC 9110 §15.5.9); an idle connection is closed silently.
 *
 * <p>Moving the deadline later only updates a field: the timer is rescheduled when it fires early or when the
 * deadline moves earlier, so a busy keep-alive connection does not schedule two timers per request.
 *
 * <p>Event-loop confined: every method runs on the channel's event loop.
 */
final class RequestTimeouts extends ChannelInboundHandlerAdapter {

    private final long readTimeoutNanos;
    private final long idleTimeoutNanos;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> timer;
    private long timerFiresAtNanos;
    private long deadlineNanos;
    private boolean receiving;

    RequestTimeouts(Duration readTimeout, Duration idleTimeout) {
        this.readTimeoutNanos = readTimeout.toNanos();
        this.idleTimeoutNanos = idleTimeout.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        setDeadline(idleTimeoutNanos);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!receiving) {
            // The first byte of a request: from here the whole request must arrive within readTimeout.
            receiving = true;
            setDeadline(readTimeoutNanos);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimer();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelTimer();
    }

    /**
     * A complete request has been decoded: the connection waits for the next one, for at most {@code idleTimeout}.
     * A pipelined request that began in the same read is timed from its next bytes, and bounded by this idle
     * deadline until then.
     */
    void requestReceived() {
        receiving = false;
        setDeadline(idleTimeoutNanos);
    }

    private void setDeadline(long timeoutNanos) {
        deadlineNanos = System.nanoTime() + timeoutNanos;
        if (timer == null || deadlineNanos - timerFiresAtNanos < 0) {
            schedule(deadlineNanos);
        }
    }

    private void schedule(long atNanos) {
        cancelTimer();
        timerFiresAtNanos = atNanos;
        timer = ctx.executor().schedule(this::timerFired, atNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void timerFired() {
        timer = null;
        if (!ctx.channel().isActive()) {
            return;
        }
        if (System.nanoTime() - deadlineNanos < 0) {
            schedule(deadlineNanos);
            return;
        }
        if (receiving) {
            // Written from the pipeline's tail so that it passes through the HTTP encoder after this handler.
            FullHttpResponse timeout = Responses.error(ctx.alloc(), HttpVersion.HTTP_1_1,
                    HttpResponseStatus.REQUEST_TIMEOUT, false);
            timeout.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.channel().writeAndFlush(timeout).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.channel().close();
        }
    }
}
