package io.acmegate.gateway.validation;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed certificates for the test TLS servers, built with BouncyCastle. */
final class TestCertificates {
    private TestCertificates() {
    }

    /** What goes into a certificate: its subjectAltNames and, when {@code acmeIdentifier} is set, that value. */
    record Spec(List<GeneralName> subjectAltNames, byte[] acmeIdentifier, boolean acmeIdentifierCritical) {
        static Spec plain(String dnsName) {
            return new Spec(List.of(dns(dnsName)), null, false);
        }

        /** RFC 8737 §3: the one SAN and the critical acmeIdentifier holding SHA-256 of the key authorization. */
        static Spec challenge(GeneralName name, String keyAuthorization) {
            return new Spec(List.of(name), KeyAuthorizations.sha256(keyAuthorization), true);
        }
    }

    static GeneralName dns(String name) {
        return new GeneralName(GeneralName.dNSName, name);
    }

    static GeneralName ip(String address) {
        return new GeneralName(GeneralName.iPAddress, address);
    }

    /** A server-side SSLContext serving a fresh key and a self-signed certificate built from {@code spec}. */
    static SSLContext serverContext(Spec spec) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        X509Certificate certificate = certificate(pair, spec);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = "test".toCharArray();
        store.setKeyEntry("challenge", pair.getPrivate(), password, new X509Certificate[] {certificate});
        KeyManagerFactory keys = KeyManagerFactory.getInstance("SunX509");
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static X509Certificate certificate(KeyPair pair, Spec spec) throws Exception {
        X500Name subject = new X500Name("CN=acmegate validation test");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(7))), subject,
                pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(spec.subjectAltNames().toArray(GeneralName[]::new)));
        if (spec.acmeIdentifier() != null) {
            builder.addExtension(new ASN1ObjectIdentifier(AcmeTlsCertificate.ACME_IDENTIFIER_OID),
                    spec.acmeIdentifierCritical(), new DEROctetString(spec.acmeIdentifier()));
        }
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }
}
