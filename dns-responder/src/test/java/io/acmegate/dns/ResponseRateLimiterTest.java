package io.acmegate.dns;

import static io.acmegate.dns.ResponseRateLimiter.Verdict.DROP;
import static io.acmegate.dns.ResponseRateLimiter.Verdict.SEND;
import static io.acmegate.dns.ResponseRateLimiter.Verdict.SLIP;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ResponseRateLimiterTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final ResponseRateLimiter limiter = new ResponseRateLimiter(10, 2, clock::get);

    @Test
    void aBurstOverTheLimitAlternatesDropAndSlip() throws Exception {
        InetAddress client = InetAddress.getByName("198.51.100.7");

        List<ResponseRateLimiter.Verdict> verdicts = take(client, 14);

        assertEquals(List.of(SEND, SEND, SEND, SEND, SEND, SEND, SEND, SEND, SEND, SEND, DROP, SLIP, DROP, SLIP),
                verdicts);
    }

    @Test
    void tokensComeBackWithTime() throws Exception {
        InetAddress client = InetAddress.getByName("198.51.100.7");
        take(client, 10);
        assertEquals(DROP, limiter.check(client));

        clock.addAndGet(200_000_000L); // 0.2 s at 10/s: two replies

        assertEquals(List.of(SEND, SEND, SLIP), take(client, 3));
    }

    @Test
    void sourcesAreLimitedPerIpv4AddressAndPerIpv6Slash64() throws Exception {
        take(InetAddress.getByName("198.51.100.7"), 10);
        assertEquals(SEND, limiter.check(InetAddress.getByName("198.51.100.8")), "another /32 has its own bucket");

        take(InetAddress.getByName("2001:db8:1:2::1"), 10);
        assertEquals(DROP, limiter.check(InetAddress.getByName("2001:db8:1:2::ffff")), "same /64 shares a bucket");
        assertEquals(SEND, limiter.check(InetAddress.getByName("2001:db8:1:3::1")), "another /64 does not");
    }

    @Test
    void slipZeroDropsEverythingOverTheLimit() throws Exception {
        var strict = new ResponseRateLimiter(2, 0, clock::get);
        InetAddress client = InetAddress.getByName("198.51.100.7");

        var verdicts = new ArrayList<ResponseRateLimiter.Verdict>();
        for (int i = 0; i < 5; i++) {
            verdicts.add(strict.check(client));
        }

        assertEquals(List.of(SEND, SEND, DROP, DROP, DROP), verdicts);
    }

    private List<ResponseRateLimiter.Verdict> take(InetAddress client, int n) {
        var verdicts = new ArrayList<ResponseRateLimiter.Verdict>();
        for (int i = 0; i < n; i++) {
            verdicts.add(limiter.check(client));
        }
        return verdicts;
    }
}
