package io.acmegate.gateway.ca;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds the local CA's certificates with BouncyCastle. Stateless and thread-safe: every call makes
 * its own builders, digest calculators and signers.
 */
final class CaCertificates {
    static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    /** RFC 5280 Appendix A: ub-common-name. */
    static final int MAX_COMMON_NAME_LENGTH = 64;
    /** RFC 5280 §4.1.2.2 allows up to 20 octets; 16 random octets are well inside it. */
    private static final int SERIAL_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private CaCertificates() {
    }

    /** A fresh ECDSA P-256 key pair. */
    static KeyPair newP256KeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot generate P-256 keys", e);
        }
    }

    /** A random positive serial number (RFC 5280 §4.1.2.2: positive, at most 20 octets). */
    static BigInteger randomSerial() {
        BigInteger serial;
        do {
            byte[] bytes = new byte[SERIAL_BYTES];
            RANDOM.nextBytes(bytes);
            serial = new BigInteger(1, bytes);
        } while (serial.signum() == 0);
        return serial;
    }

    static X509Certificate root(KeyPair keys, String commonName, Instant notBefore, Instant notAfter) {
        X500Name subject = commonNameOnly(commonName);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, randomSerial(),
                Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic());
        JcaX509ExtensionUtils utils = extensionUtils();
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    utils.createSubjectKeyIdentifier(keys.getPublic()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sign(builder, keys.getPrivate());
    }

    /** An intermediate that may sign only leaves (pathLenConstraint 0, RFC 5280 §4.2.1.9). */
    static X509Certificate intermediate(PublicKey key, String commonName, X509Certificate root, PrivateKey rootKey,
                                        Instant notBefore, Instant notAfter) {
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(root, randomSerial(),
                Date.from(notBefore), Date.from(notAfter), commonNameOnly(commonName), key);
        JcaX509ExtensionUtils utils = extensionUtils();
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(root));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the root certificate's key identifier", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sign(builder, rootKey);
    }

    /**
     * A TLS server and client leaf. The subject is CN=first name when that fits in a common name;
     * otherwise (or when {@code commonName} is null) the subject is empty and RFC 5280 §4.2.1.6 requires
     * the SAN extension to be critical.
     */
    static X509Certificate leaf(PublicKey key, List<GeneralName> altNames, String commonName,
                                X509Certificate issuer, PrivateKey issuerKey, Instant notBefore, Instant notAfter) {
        boolean fitsCommonName = commonName != null && commonName.length() <= MAX_COMMON_NAME_LENGTH;
        X500Name subject = fitsCommonName ? commonNameOnly(commonName) : new X500Name(new RDN[0]);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, randomSerial(),
                Date.from(notBefore), Date.from(notAfter), subject, key);
        // RFC 5280 §4.2.1.3: keyEncipherment only means something for RSA key transport.
        int usage = "RSA".equals(key.getAlgorithm())
                ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment : KeyUsage.digitalSignature;
        JcaX509ExtensionUtils utils = extensionUtils();
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            builder.addExtension(Extension.subjectAlternativeName, !fitsCommonName,
                    new GeneralNames(altNames.toArray(GeneralName[]::new)));
            builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the issuer certificate's key identifier", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sign(builder, issuerKey);
    }

    private static X500Name commonNameOnly(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }

    private static JcaX509ExtensionUtils extensionUtils() {
        try {
            return new JcaX509ExtensionUtils();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no SHA-1 digest for key identifiers", e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey) {
        try {
            var signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).setProvider(BouncyCastle.provider())
                    .build(signingKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a certificate with the local CA key", e);
        }
    }
}
