package io.acmegate.policy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CidrRangeTest {
    private static boolean contains(String cidr, String address) throws Exception {
        return CidrRange.parse(cidr).contains(InetAddress.getByName(address));
    }

    @Test
    void matchesByPrefix() throws Exception {
        assertTrue(contains("192.0.2.0/24", "192.0.2.77"));
        assertFalse(contains("192.0.2.0/24", "192.0.3.1"));
        assertTrue(contains("10.0.0.0/12", "10.15.255.255"));
        assertFalse(contains("10.0.0.0/12", "10.16.0.0"));
        assertTrue(contains("127.0.0.1/32", "127.0.0.1"));
        assertTrue(contains("0.0.0.0/0", "203.0.113.9"));
        assertTrue(contains("2001:db8::/32", "2001:db8:ffff::1"));
        assertFalse(contains("2001:db8::/32", "192.0.2.1"), "families never match");
    }

    @Test
    void refusesWhatAcmeDnsRefuses() {
        for (String bad : new String[] {"invalid", "1.2.3.4/33", "1.2.3.4", "12345:db8:a0b:12f0::1/32",
                "1234::123::123::1/32", "example.com/24", "1.2/24"}) {
            assertThrows(IllegalArgumentException.class, () -> CidrRange.parse(bad), bad);
        }
    }
}
