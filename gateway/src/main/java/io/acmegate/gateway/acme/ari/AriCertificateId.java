package io.acmegate.gateway.acme.ari;

import io.acmegate.gateway.ca.Pem;
import io.acmegate.gateway.model.IssuedCertificate;
import io.acmegate.gateway.store.Store;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;

/**
 * The RFC 9773 §4.1 certificate identifier: base64url of the Authority Key Identifier's keyIdentifier, a dot, and
 * base64url of the serial number's DER content octets. It names a certificate both in renewalInfo URLs and in a new
 * order's {@code replaces}.
 *
 * @param serialHex the serial number in lower-case hex, as the store keys certificates
 */
public record AriCertificateId(byte[] authorityKeyId, String serialHex) {

    /**
     * The certificate acmegate issued that this identifier names: same serial and same authority key identifier
     * (serials are unique per issuer only, and acmegate has several).
     */
    public Optional<IssuedCertificate> find(Store store) {
        return store.certificateBySerial(serialHex).filter(c -> Arrays.equals(authorityKeyIdOf(c), authorityKeyId));
    }

    private static byte[] authorityKeyIdOf(IssuedCertificate certificate) {
        X509Certificate leaf = Pem.readCertificates(certificate.chainPem()).get(0);
        byte[] extension = leaf.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        if (extension == null) {
            return new byte[0];
        }
        byte[] keyId = AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets())
                .getKeyIdentifier();
        return keyId == null ? new byte[0] : keyId;
    }

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
