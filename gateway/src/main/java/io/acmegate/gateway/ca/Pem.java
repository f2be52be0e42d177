package io.acmegate.gateway.ca;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * Reading and writing the PEM texts of RFC 7468. Private keys are written as unencrypted PKCS#8
 * ("PRIVATE KEY"); reading also accepts the OpenSSL traditional forms. Readers throw
 * {@link IllegalArgumentException} with a one-line reason when the text is not what was asked for.
 */
public final class Pem {
    private Pem() {
    }

    /** The certificates as concatenated "CERTIFICATE" blocks, in the order given. */
    public static String certificates(List<X509Certificate> certificates) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(certificate);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The key as one unencrypted PKCS#8 "PRIVATE KEY" block (RFC 7468 §10). */
    public static String privateKey(PrivateKey key) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new JcaPKCS8Generator(key, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Every "CERTIFICATE" block of the text, in order; at least one, and nothing else. */
    public static List<X509Certificate> readCertificates(String pem) {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (Object object : readObjects(pem)) {
            if (!(object instanceof X509CertificateHolder holder)) {
                throw new IllegalArgumentException("expected only CERTIFICATE blocks, found " + describe(object));
            }
            try {
                certificates.add(converter.getCertificate(holder));
            } catch (CertificateException e) {
                throw new IllegalArgumentException("unusable certificate: " + oneLine(e), e);
            }
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("no CERTIFICATE block found");
        }
        return certificates;
    }

    /** The one certificate of the text. */
    public static X509Certificate readCertificate(String pem) {
        List<X509Certificate> certificates = readCertificates(pem);
        if (certificates.size() != 1) {
            throw new IllegalArgumentException("expected one certificate, found " + certificates.size());
        }
        return certificates.get(0);
    }

    /** The one private key of the text (PKCS#8, or an OpenSSL traditional key pair). */
    public static PrivateKey readPrivateKey(String pem) {
        List<Object> objects = readObjects(pem);
        if (objects.size() != 1) {
            throw new IllegalArgumentException("expected one private key block, found " + objects.size() + " blocks");
        }
        return switch (objects.get(0)) {
            case PrivateKeyInfo info -> toJca(info);
            case PEMKeyPair pair -> toJca(pair.getPrivateKeyInfo());
            case Object other -> throw new IllegalArgumentException(
                    "expected an unencrypted private key, found " + describe(other));
        };
    }

    /**
     * EC and RSA keys become keys of the JDK's own providers (what TLS and the JDK's signatures expect
     * first); other key types are left to BouncyCastle.
     */
    private static PrivateKey toJca(PrivateKeyInfo info) {
        ASN1ObjectIdentifier algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
        try {
            String jdkName = algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey) ? "EC"
                    : algorithm.equals(PKCSObjectIdentifiers.rsaEncryption) ? "RSA" : null;
            if (jdkName != null) {
                return KeyFactory.getInstance(jdkName).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
            }
            return new JcaPEMKeyConverter().setProvider(BouncyCastle.provider()).getPrivateKey(info);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("unusable private key: " + oneLine(e), e);
        }
    }

    private static List<Object> readObjects(String pem) {
        List<Object> objects = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not valid PEM: " + oneLine(e), e);
        }
        return objects;
    }

    private static String describe(Object object) {
        return object.getClass().getSimpleName();
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s+", " ").strip();
    }
}
