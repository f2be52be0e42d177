package io.acmegate.gateway.issuance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmegate.gateway.acme.problem.AcmeProblemException;
import io.acmegate.gateway.acme.problem.ProblemType;
import io.acmegate.gateway.ca.BouncyCastle;
import io.acmegate.gateway.model.Identifier;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class CsrCheckTest {
    private static final List<Identifier> ORDER = List.of(Identifier.dns("www.example.test"), Identifier.dns("example.test"));
    private static KeyPair rsa2048;
    private static KeyPair p256;
    private static KeyPair p384;

    @BeforeAll
    static void keys() throws Exception {
        rsa2048 = rsa(2048);
        p256 = ec("secp256r1");
        p384 = ec("secp384r1");
    }

    // --- accepted -------------------------------------------------------------------------------

    @Test
    void acceptsRsa2048WithCommonNameAndSan() throws Exception {
        byte[] der = csr(rsa2048, "SHA256withRSA", "www.example.test", dns("www.example.test"), dns("example.test"));
        ValidCsr valid = CsrCheck.check(der, ORDER);
        assertEquals(rsa2048.getPublic(), valid.publicKey());
        assertEquals(List.of("www.example.test", "example.test"), List.copyOf(valid.names()), "CN first, then SAN order");
        assertArrayEquals(der, valid.der());
    }

    @Test
    void acceptsP256WithSanOnly() throws Exception {
        ValidCsr valid = CsrCheck.check(csr(p256, "SHA256withECDSA", null, dns("example.test"), dns("www.example.test")),
                ORDER);
        assertEquals(p256.getPublic(), valid.publicKey());
        assertEquals(Set.of("www.example.test", "example.test"), valid.names());
    }

    @Test
    void acceptsP384SignedWithSha384() throws Exception {
        ValidCsr valid = CsrCheck.check(csr(p384, "SHA384withECDSA", "example.test", dns("example.test"),
                dns("www.example.test")), ORDER);
        assertEquals(p384.getPublic(), valid.publicKey());
    }

    @Test
    void acceptsAWildcard() throws Exception {
        List<Identifier> order = List.of(Identifier.dns("*.example.test"), Identifier.dns("example.test"));
        ValidCsr valid = CsrCheck.check(csr(p256, "SHA256withECDSA", "*.example.test", dns("*.example.test"),
                dns("example.test")), order);
        assertEquals(Set.of("*.example.test", "example.test"), valid.names());
    }

    @Test
    void comparesNamesCaseInsensitively() throws Exception {
        ValidCsr valid = CsrCheck.check(csr(p256, "SHA256withECDSA", "WWW.Example.TEST", dns("WWW.Example.TEST"),
                dns("Example.Test")), ORDER);
        assertEquals(Set.of("www.example.test", "example.test"), valid.names());
    }

    @Test
    void acceptsRsaPssWithSha256() throws Exception {
        CsrCheck.check(csr(rsa2048, "SHA256withRSAandMGF1", null, dns("example.test"), dns("www.example.test")), ORDER);
    }

    // --- rejected: not a CSR ---------------------------------------------------------------------

    @Test
    void rejectsBytesThatAreNotAPkcs10Request() {
        assertBadCsr("not a DER-encoded PKCS#10", () -> CsrCheck.check(new byte[] {0x30, 0x03, 0x02, 0x01}, ORDER));
        assertBadCsr("not a DER-encoded PKCS#10", () -> CsrCheck.check("hello".getBytes(), ORDER));
        assertBadCsr("empty", () -> CsrCheck.check(new byte[0], ORDER));
    }

    @Test
    void rejectsTrailingBytesAfterTheRequest() throws Exception {
        byte[] der = csr(p256, "SHA256withECDSA", null, dns("example.test"), dns("www.example.test"));
        byte[] longer = Arrays.copyOf(der, der.length + 2);
        assertBadCsr("not a DER-encoded PKCS#10", () -> CsrCheck.check(longer, ORDER));
    }

    // --- rejected: signature ---------------------------------------------------------------------

    @Test
    void rejectsATamperedRsaSignature() throws Exception {
        byte[] der = csr(rsa2048, "SHA256withRSA", null, dns("example.test"), dns("www.example.test"));
        der[der.length - 1] ^= 0x01; // the signature BIT STRING ends the request
        assertBadCsr("signature does not verify", () -> CsrCheck.check(der, ORDER));
    }

    @Test
    void rejectsATamperedEcdsaSignature() throws Exception {
        byte[] der = csr(p256, "SHA256withECDSA", null, dns("example.test"), dns("www.example.test"));
        der[der.length - 1] ^= 0x01;
        assertBadCsr("signature does not verify", () -> CsrCheck.check(der, ORDER));
    }

    @Test
    void rejectsARequestSignedByAnotherKey() throws Exception {
        // Same body, signature from a different key: changes only the signature, not the structure.
        byte[] der = csr(p256, "SHA256withECDSA", null, dns("example.test"), dns("www.example.test"));
        byte[] other = csr(ec("secp256r1"), "SHA256withECDSA", null, dns("example.test"), dns("www.example.test"));
        var request = new PKCS10CertificationRequest(der).toASN1Structure();
        var foreign = new PKCS10CertificationRequest(other).toASN1Structure();
        byte[] forged = new CertificationRequest(request.getCertificationRequestInfo(),
                foreign.getSignatureAlgorithm(), foreign.getSignature()).getEncoded();
        assertBadCsr("signature does not verify", () -> CsrCheck.check(forged, ORDER));
    }

    @Test
    void rejectsSha1Signatures() throws Exception {
        assertBadCsr("SHA1WITHRSA", () -> CsrCheck.check(
                csr(rsa2048, "SHA1withRSA", null, dns("example.test"), dns("www.example.test")), ORDER));
        assertBadCsr("ECDSAWITHSHA1", () -> CsrCheck.check(
                csr(p256, "SHA1withECDSA", null, dns("example.test"), dns("www.example.test")), ORDER));
    }

    @Test
    void rejectsMd5Signatures() throws Exception {
        assertBadCsr("MD5WITHRSA", () -> CsrCheck.check(
                csr(rsa2048, "MD5withRSA", null, dns("example.test"), dns("www.example.test")), ORDER));
    }

    @Test
    void rejectsRsaPssWithSha1() throws Exception {
        assertBadCsr("only signatures with SHA-256", () -> CsrCheck.check(
                csr(rsa2048, "SHA1withRSAandMGF1", null, dns("example.test"), dns("www.example.test")), ORDER));
    }

    // --- rejected: key ---------------------------------------------------------------------------

    @Test
    void rejectsRsaKeysBelow2048Bits() throws Exception {
        assertBadCsr("RSA key has 1024 bits", () -> CsrCheck.check(
                csr(rsa(1024), "SHA256withRSA", null, dns("example.test"), dns("www.example.test")), ORDER));
    }

    @Test
    void rejectsOtherCurves() throws Exception {
        assertBadCsr("curve secp521r1", () -> CsrCheck.check(
                csr(ec("secp521r1"), "SHA512withECDSA", null, dns("example.test"), dns("www.example.test")), ORDER));
        KeyPairGenerator k1 = KeyPairGenerator.getInstance("EC", BouncyCastle.provider());
        k1.initialize(new ECGenParameterSpec("secp256k1"));
        assertBadCsr("curve secp256k1", () -> CsrCheck.check(
                csr(k1.generateKeyPair(), "SHA256withECDSA", null, dns("example.test"), dns("www.example.test")), ORDER));
    }

    @Test
    void rejectsEd25519() throws Exception {
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        assertBadCsr("key is Ed25519", () -> CsrCheck.check(
                csr(ed, "Ed25519", null, dns("example.test"), dns("www.example.test")), ORDER));
    }

    @Test
    void rejectsDsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("DSA");
        generator.initialize(2048);
        assertBadCsr("key is DSA", () -> CsrCheck.check(
                csr(generator.generateKeyPair(), "SHA256withDSA", null, dns("example.test"), dns("www.example.test")),
                ORDER));
    }

    // --- rejected: names -------------------------------------------------------------------------

    @Test
    void rejectsMissingNamesAndSaysWhich() throws Exception {
        AcmeProblemException e = assertBadCsr("missing www.example.test", () -> CsrCheck.check(
                csr(p256, "SHA256withECDSA", null, dns("example.test")), ORDER));
        assertFalse(e.problem().detail().contains("not in the order"), e.problem().detail());
    }

    @Test
    void rejectsExtraNamesAndSaysWhich() throws Exception {
        assertBadCsr("not in the order evil.example.test", () -> CsrCheck.check(csr(p256, "SHA256withECDSA", null,
                dns("example.test"), dns("www.example.test"), dns("evil.example.test")), ORDER));
    }

    @Test
    void reportsMissingAndExtraTogether() throws Exception {
        assertBadCsr("missing www.example.test; not in the order other.example.test", () -> CsrCheck.check(
                csr(p256, "SHA256withECDSA", null, dns("example.test"), dns("other.example.test")), ORDER));
    }

    @Test
    void countsTheCommonNameAsARequestedName() throws Exception {
        assertBadCsr("not in the order cn-only.example.test", () -> CsrCheck.check(csr(p256, "SHA256withECDSA",
                "cn-only.example.test", dns("example.test"), dns("www.example.test")), ORDER));
    }

    @Test
    void rejectsACommonNameThatIsNotAmongTheSanNames() throws Exception {
        // The set of names matches the order, but www.example.test is only in the CN.
        assertBadCsr("common name www.example.test must also be one of its subjectAltName", () -> CsrCheck.check(
                csr(p256, "SHA256withECDSA", "www.example.test", dns("example.test")), ORDER));
    }

    @Test
    void acceptsIpAddressSansOnlyForIpIdentifiers() throws Exception {
        assertBadCsr("not in the order 192.0.2.1", () -> CsrCheck.check(csr(p256, "SHA256withECDSA", null,
                dns("example.test"), dns("www.example.test"), new GeneralName(GeneralName.iPAddress, "192.0.2.1")),
                ORDER));
        // RFC 8738 §2: the iPAddress SAN is compared in its canonical text form.
        assertEquals(java.util.Set.of("2001:db8::1"), CsrCheck.check(csr(p256, "SHA256withECDSA", null,
                new GeneralName(GeneralName.iPAddress, "2001:0db8:0:0:0:0:0:1")),
                java.util.List.of(io.acmegate.gateway.model.Identifier.ip("2001:db8::1"))).names());
    }

    @Test
    void rejectsEmailSans() throws Exception {
        assertBadCsr("rfc822Name admin@example.test", () -> CsrCheck.check(csr(p256, "SHA256withECDSA", null,
                dns("example.test"), dns("www.example.test"), new GeneralName(GeneralName.rfc822Name,
                        "admin@example.test")), ORDER));
    }

    @Test
    void rejectsUriSans() throws Exception {
        assertBadCsr("uniformResourceIdentifier https://example.test/", () -> CsrCheck.check(csr(p256,
                "SHA256withECDSA", null, dns("example.test"), dns("www.example.test"),
                new GeneralName(GeneralName.uniformResourceIdentifier, "https://example.test/")), ORDER));
    }

    @Test
    void rejectsOtherNameSans() throws Exception {
        GeneralName upn = new GeneralName(GeneralName.otherName, new OtherName(
                new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3"), new DERUTF8String("a@b")));
        assertBadCsr("otherName", () -> CsrCheck.check(csr(p256, "SHA256withECDSA", null,
                dns("example.test"), dns("www.example.test"), upn), ORDER));
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static AcmeProblemException assertBadCsr(String detailPart, Executable check) {
        AcmeProblemException e = assertThrows(AcmeProblemException.class, check);
        assertEquals(ProblemType.BAD_CSR, e.problem().type());
        assertEquals(400, e.problem().status());
        assertTrue(e.problem().detail().contains(detailPart),
                () -> "expected the detail to contain \"" + detailPart + "\" but it was: " + e.problem().detail());
        return e;
    }

    private static GeneralName dns(String name) {
        return new GeneralName(GeneralName.dNSName, name);
    }

    /** A PKCS#10 request built and signed with BouncyCastle, as an ACME client would send it. */
    private static byte[] csr(KeyPair keys, String signatureAlgorithm, String commonName, GeneralName... altNames)
            throws Exception {
        X500Name subject = commonName == null ? new X500Name(new RDN[0])
                : new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        var builder = new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic());
        if (altNames.length > 0) {
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(altNames));
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
        }
        var signer = new JcaContentSignerBuilder(signatureAlgorithm).setProvider(BouncyCastle.provider())
                .build(keys.getPrivate());
        return builder.build(signer).getEncoded();
    }

    private static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    private static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }
}
