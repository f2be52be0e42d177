package io.acmegate.http;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HttpResponderConfigTest {

    private static final InetSocketAddress BIND = new InetSocketAddress("127.0.0.1", 0);

    @Test
    void defaultsAreTheDocumentedOnes() {
        HttpResponderConfig config = HttpResponderConfig.defaults(BIND);
        assertEquals(BIND, config.bind());
        assertEquals(8 * 1024, config.maxHeaderBytes());
        assertEquals(Duration.ofSeconds(10), config.readTimeout());
        assertEquals(Duration.ofSeconds(30), config.idleTimeout());
        assertEquals(10_000, config.maxConnections());
    }

    @Test
    void nonsensicalLimitsAreRefused() {
        Duration second = Duration.ofSeconds(1);
        assertThrows(IllegalArgumentException.class, () -> new HttpResponderConfig(BIND, 100, second, second, 1));
        assertThrows(IllegalArgumentException.class, () -> new HttpResponderConfig(BIND, 8192, Duration.ZERO, second, 1));
        assertThrows(IllegalArgumentException.class, () -> new HttpResponderConfig(BIND, 8192, second, second.negated(), 1));
        assertThrows(IllegalArgumentException.class, () -> new HttpResponderConfig(BIND, 8192, second, second, 0));
        assertThrows(NullPointerException.class, () -> new HttpResponderConfig(null, 8192, second, second, 1));
    }
}
