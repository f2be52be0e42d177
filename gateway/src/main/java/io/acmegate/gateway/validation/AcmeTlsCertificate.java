package io.acmegate.gateway.validation;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.xbill.DNS.Address;

/** RFC 8737 §3: what the tls-alpn-01 challenge certificate must hold. */
final class AcmeTlsCertificate {
    /** id-pe-acmeIdentifier, RFC 8737 §6.1. */
    static final String ACME_IDENTIFIER_OID = "1.3.6.1.5.5.7.1.31";
    private static final int SAN_DNS_NAME = 2;
    private static final int SAN_IP_ADDRESS = 7;

    private AcmeTlsCertificate() {
    }

    /**
     * Checks that {@code certificate} has exactly one subjectAltName, the identifier's dNSName (or iPAddress,
     * RFC 8738 §6), and a critical acmeIdentifier extension holding SHA-256 of the key authorization.
     *
     * @throws ValidationFailure "unauthorized" saying which requirement is not met
     */
    static void verify(X509Certificate certificate, Identifier identifier, String keyAuthorization)
            throws ValidationFailure {
        verifySubjectAltName(certificate, identifier);
        verifyAcmeIdentifier(certificate, keyAuthorization);
    }

    private static void verifySubjectAltName(X509Certificate certificate, Identifier identifier)
            throws ValidationFailure {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            throw ValidationFailure.unauthorized("The challenge certificate's subjectAltName does not parse");
        }
        if (names == null || names.size() != 1) {
            throw ValidationFailure.unauthorized("The challenge certificate must have exactly one subjectAltName"
                    + " entry, it has " + (names == null ? 0 : names.size()));
        }
        List<?> name = names.iterator().next();
        int kind = (Integer) name.get(0);
        String value = String.valueOf(name.get(1));
        boolean matches = identifier.isIp()
                ? kind == SAN_IP_ADDRESS && identifier.ip().equals(parseAddress(value))
                : kind == SAN_DNS_NAME && value.toLowerCase(Locale.ROOT).equals(identifier.urlHost());
        if (!matches) {
            throw ValidationFailure.unauthorized("The challenge certificate's subjectAltName is "
                    + Details.excerpt(value) + ", not " + (identifier.isIp() ? "the iPAddress " : "the dNSName ")
                    + Details.excerpt(identifier.text()));
        }
    }

    private static void verifyAcmeIdentifier(X509Certificate certificate, String keyAuthorization)
            throws ValidationFailure {
        byte[] extension = certificate.getExtensionValue(ACME_IDENTIFIER_OID);
        if (extension == null) {
            throw ValidationFailure.unauthorized("The challenge certificate has no acmeIdentifier extension");
        }
        Set<String> critical = certificate.getCriticalExtensionOIDs();
        if (critical == null || !critical.contains(ACME_IDENTIFIER_OID)) {
            throw ValidationFailure.unauthorized("The challenge certificate's acmeIdentifier extension is not"
                    + " critical");
        }
        byte[] extnValue;
        try {
            // getExtensionValue returns the extnValue OCTET STRING itself, DER encoded: unwrap it once.
            extnValue = ASN1OctetString.getInstance(extension).getOctets();
        } catch (IllegalArgumentException e) {
            throw ValidationFailure.unauthorized("The challenge certificate's acmeIdentifier extension does not"
                    + " parse");
        }
        if (!MessageDigest.isEqual(extnValue, KeyAuthorizations.acmeIdentifierValue(keyAuthorization))) {
            throw ValidationFailure.unauthorized("The challenge certificate's acmeIdentifier extension does not"
                    + " hold the SHA-256 digest of the key authorization");
        }
    }

    private static InetAddress parseAddress(String text) {
        try {
            return Address.getByAddress(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
