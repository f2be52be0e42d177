package io.acmegate.gateway;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** CSRs for tests: a fresh P-256 key, the names as SAN dNSNames (address literals as iPAddress), an empty subject. */
public final class TestCsrs {
    private TestCsrs() {
    }

    public static byte[] der(String... names) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return der(generator.generateKeyPair(), names);
    }

    /** A CSR for this key pair (so that a test can later sign with the certificate's key). */
    public static byte[] der(KeyPair pair, String... names) throws Exception {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        GeneralName[] san = Arrays.stream(names).map(n -> new GeneralName(n.matches("[0-9.]+|.*:.*")
                        ? GeneralName.iPAddress : GeneralName.dNSName, n))
                .toArray(GeneralName[]::new);
        extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san));
        return new JcaPKCS10CertificationRequestBuilder(new X500Name(""), pair.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())).getEncoded();
    }
}
