package io.acmegate.gateway.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KeyAuthorizationsTest {
    /** SHA-256("abc"), FIPS 180-2 appendix B.1. */
    private static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void txtValueIsUnpaddedBase64UrlOfTheDigest() {
        assertEquals("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0", KeyAuthorizations.txtValue("abc"));
    }

    @Test
    void acmeIdentifierValueIsADerOctetStringOf32Bytes() {
        assertArrayEquals(HexFormat.of().parseHex("0420" + ABC_SHA256), KeyAuthorizations.acmeIdentifierValue("abc"));
    }

    @Test
    void tokensAreBase64UrlOnly() {
        assertTrue(KeyAuthorizations.isToken("evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA"));
        assertFalse(KeyAuthorizations.isToken("../../etc/passwd"));
        assertFalse(KeyAuthorizations.isToken("a b"));
        assertFalse(KeyAuthorizations.isToken(""));
    }
}
