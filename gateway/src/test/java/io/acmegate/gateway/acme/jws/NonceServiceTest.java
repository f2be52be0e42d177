package io.acmegate.gateway.acme.jws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class NonceServiceTest {
    private final AtomicLong nanos = new AtomicLong();
    private final NonceService nonces = new NonceService(Duration.ofMinutes(10), 1_000, nanos::get);

    @Test
    void issuesDistinct128BitBase64urlNonces() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            String nonce = nonces.issue();
            assertTrue(nonce.matches("[A-Za-z0-9_-]{22}"), nonce); // 128 bits, no padding
            assertTrue(seen.add(nonce), "nonce repeated: " + nonce);
        }
    }

    @Test
    void consumesEachNonceExactlyOnce() {
        String nonce = nonces.issue();
        assertTrue(nonces.consume(nonce));
        assertFalse(nonces.consume(nonce));
    }

    @Test
    void refusesUnknownAndNullNonces() {
        assertFalse(nonces.consume("AAAAAAAAAAAAAAAAAAAAAA"));
        assertFalse(nonces.consume(""));
        assertFalse(nonces.consume(null));
    }

    @Test
    void refusesExpiredNonce() {
        String stale = nonces.issue();
        nanos.addAndGet(Duration.ofMinutes(9).toNanos());
        String fresh = nonces.issue();
        nanos.addAndGet(Duration.ofMinutes(2).toNanos());

        assertFalse(nonces.consume(stale));
        assertTrue(nonces.consume(fresh));
    }

    @Test
    void keepsAtMostMaxOutstanding() {
        NonceService small = new NonceService(Duration.ofMinutes(10), 10);
        List<String> issued = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            issued.add(small.issue());
        }
        long usable = issued.stream().filter(small::consume).count();
        assertTrue(usable <= 10, "usable nonces: " + usable);
        assertEquals(0, issued.stream().filter(small::consume).count());
    }
}
