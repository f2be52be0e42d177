package io.acmegate.gateway.acme.ari;

import java.math.BigInteger;
import java.util.Base64;
import java.util.Optional;

/**
 * The RFC 9773 §4.1 certificate identifier: base64url of the Authority Key Identifier's keyIdentifier, a dot, and
 * base64url of the serial number's DER content octets. It names a certificate both in renewalInfo URLs and in a new
 * order's {@code replaces}.
 *
 * @param serialHex the serial number in lower-case hex, as the store keys certificates
 */
public record AriCertificateId(byte[] authorityKeyId, String serialHex) {

    /** Parses an identifier; empty when it is not two non-empty base64url parts joined by a dot. */
    public static Optional<AriCertificateId> parse(String text) {
        int dot = text.indexOf('.');
        if (dot <= 0 || dot == text.length() - 1 || text.indexOf('.', dot + 1) >= 0 || text.contains("=")) {
            return Optional.empty();
        }
        try {
            byte[] aki = Base64.getUrlDecoder().decode(text.substring(0, dot));
            byte[] serial = Base64.getUrlDecoder().decode(text.substring(dot + 1));
            if (aki.length == 0 || serial.length == 0) {
                return Optional.empty();
            }
            return Optional.of(new AriCertificateId(aki, new BigInteger(1, serial).toString(16)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
