package io.acmegate.dns;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Response rate limiting for UDP, per client network (a /32 for IPv4, a /64 for IPv6, since one IPv6 host
 * commonly owns a whole /64): a token bucket refilled at {@code perSecond}, holding at most one second's worth.
 * Over the limit a reply is dropped, except every {@code slip}-th, which goes out as an empty truncated reply so
 * that a genuine client retries over TCP (where spoofed sources cannot follow) while a reflection victim gets
 * only small packets. This is the model of BIND's and Knot's RRL, keyed by source only. Thread-safe.
 */
final class ResponseRateLimiter {

    /** What to do with one reply. */
    enum Verdict { SEND, SLIP, DROP }

    private final double perSecond;
    private final int slip;
    private final LongSupplier nanoClock;
    private final Cache<SourceNetwork, Bucket> buckets;

    ResponseRateLimiter(int perSecond, int slip, LongSupplier nanoClock) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("perSecond must be at least 1");
        }
        this.perSecond = perSecond;
        this.slip = slip;
        this.nanoClock = nanoClock;
        // A bucket idle for longer than it takes to refill is full again: forgetting it changes nothing.
        this.buckets = Caffeine.newBuilder()
                .maximumSize(200_000)
                .expireAfterAccess(Duration.ofSeconds(10))
                .build();
    }

    Verdict check(InetAddress source) {
        long now = nanoClock.getAsLong();
        Bucket bucket = buckets.get(SourceNetwork.of(source), k -> new Bucket(perSecond, now));
        return bucket.take(now, perSecond, slip);
    }

    /** A /32 or /64 as two longs; {@code v6} keeps an IPv4 network apart from an IPv6 one with the same bits. */
    record SourceNetwork(long bits, boolean v6) {
        static SourceNetwork of(InetAddress address) {
            byte[] b = address.getAddress();
            if (address instanceof Inet4Address) {
                return new SourceNetwork(((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8)
                        | (b[3] & 0xFFL), false);
            }
            long prefix = 0;
            for (int i = 0; i < 8; i++) {
                prefix = (prefix << 8) | (b[i] & 0xFFL);
            }
            return new SourceNetwork(prefix, true);
        }
    }

    private static final class Bucket {
        private double tokens;
        private long last;
        private long overLimit;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }

        synchronized Verdict take(long now, double perSecond, int slip) {
            tokens = Math.min(perSecond, tokens + (now - last) * perSecond / 1e9);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Verdict.SEND;
            }
            overLimit++;
            return slip > 0 && overLimit % slip == 0 ? Verdict.SLIP : Verdict.DROP;
        }
    }
}
