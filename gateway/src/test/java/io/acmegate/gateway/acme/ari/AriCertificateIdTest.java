package io.acmegate.gateway.acme.ari;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AriCertificateIdTest {
    @Test
    void parsesTheExampleOfRfc9773() {
        // RFC 9773 §4.1: keyIdentifier 69:88:5B:6B:87:46:40:41:E1:B3:7B:84:7B:A0:AE:2C:DE:01:C8:D4,
        // serial 00:87:65:43:21 -> aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE
        AriCertificateId id = AriCertificateId.parse("aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE").orElseThrow();
        assertEquals("87654321", id.serialHex());
        assertArrayEquals(java.util.HexFormat.of().parseHex("69885b6b87464041e1b37b847ba0ae2cde01c8d4"),
                id.authorityKeyId());
    }

    @Test
    void refusesWhatIsNotTwoBase64urlParts() {
        for (String bad : new String[] {"", "abc", ".abc", "abc.", "a.b.c", "ab+/.AQ", "aYhb.AQ==", "!!.AQ"}) {
            assertTrue(AriCertificateId.parse(bad).isEmpty(), bad);
        }
    }
}
