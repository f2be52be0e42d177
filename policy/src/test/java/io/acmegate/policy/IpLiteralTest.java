package io.acmegate.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {

    private static String canonical(String text) {
        return IpLiteral.canonical(IpLiteral.parse(text).orElseThrow(() -> new AssertionError("not parsed: " + text)));
    }

    @Test
    void parsesDottedQuadsToTheirBytes() {
        InetAddress address = IpLiteral.parse("192.0.2.255").orElseThrow();
        assertInstanceOf(Inet4Address.class, address);
        assertArrayEquals(new byte[] {(byte) 192, 0, 2, (byte) 255}, address.getAddress());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // RFC 5952 §4.1 leading zeros, §4.2.1 longest run, §4.2.2 one zero group stays, §4.2.3 first of equal
        // runs, §4.3 lower case.
        "2001:0db8::0001|2001:db8::1",
        "2001:db8:0:0:0:0:2:1|2001:db8::2:1",
        "2001:db8:0:1:1:1:1:1|2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:0:1|2001:0:0:1::1",
        "2001:db8:0:0:1:0:0:1|2001:db8::1:0:0:1",
        "2001:DB8::AB|2001:db8::ab",
        "0:0:0:0:0:0:0:0|::",
        "0:0:0:0:0:0:0:1|::1",
        "1:0:0:0:0:0:0:0|1::",
        "fe80:0:0:0:0:0:0:0|fe80::",
        "1:2:3:4:5:6:7:8|1:2:3:4:5:6:7:8",
        "::ffff:192.0.2.1|192.0.2.1",
        "192.0.2.01|192.0.2.1",
        "010.000.002.001|10.0.2.1",
        "0.0.0.0|0.0.0.0"})
    void writesTheCanonicalForm(String text, String expected) {
        assertEquals(expected, canonical(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "example.com", "1.2", "1.2.3", "0x7f.0.0.1", "256.0.0.1", "1.2.3.4.5",
        "1234.0.0.1", "[::1]", "fe80::1%eth0", "1::2::3", "12345::1", ":", "abc", "1:2:3:4:5:6:7:8:9",
        "::1 ", "١٢٣.0.0.1"})
    void refusesAnythingButALiteral(String text) {
        assertTrue(IpLiteral.parse(text).isEmpty(), text);
    }

    @Test
    void requiresArguments() {
        assertThrows(NullPointerException.class, () -> IpLiteral.parse(null));
        assertThrows(NullPointerException.class, () -> IpLiteral.canonical(null));
    }
}
