package io.acmegate.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmegate.gateway.upstream.acme.TrustingAcmeProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.SSLContext;

/** Reading, writing and checking the certificates and chains that ACME clients receive. */
public final class Certificates {

    /** subjectAltName GeneralName tag for a dNSName (RFC 5280 §4.2.1.6). */
    private static final int DNS_NAME = 2;

    private Certificates() {
    }

    /** The leaf serial of a certbot live directory, as the status API writes it: lower-case hex, no leading zeros. */
    public static String leafSerial(Path live) {
        return readPem(live.resolve("cert.pem")).get(0).getSerialNumber().toString(16);
    }

    /** Every certificate in a PEM file, in file order. */
    public static List<X509Certificate> readPem(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends java.security.cert.Certificate> read =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            return read.stream().map(X509Certificate.class::cast).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not a PEM certificate file: " + file, e);
        }
    }

    /** Writes certificates as one PEM file. */
    public static Path writePem(Path file, List<X509Certificate> certificates) {
        StringBuilder pem = new StringBuilder();
        Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        for (X509Certificate certificate : certificates) {
            try {
                pem.append("-----BEGIN CERTIFICATE-----\n")
                        .append(base64.encodeToString(certificate.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (CertificateException e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            return Files.writeString(file, pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The dNSName entries of the certificate's subjectAltName, sorted. */
    public static Set<String> dnsNames(X509Certificate certificate) {
        Set<String> names = new TreeSet<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> name : alternatives) {
                    if ((Integer) name.get(0) == DNS_NAME) {
                        names.add((String) name.get(1));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            throw new IllegalArgumentException("unreadable subjectAltName", e);
        }
        return names;
    }

    /**
     * Asserts the shape the gateway promises: a leaf for exactly {@code expectedNames} followed by the
     * intermediate that issued it, without the root (RFC 8555 §7.4.2 lets the server omit it).
     */
    public static void assertLeafAndIntermediate(List<X509Certificate> chain, Set<String> expectedNames) {
        assertEquals(2, chain.size(), "expected leaf + intermediate, got " + chain.size() + " certificates");
        X509Certificate leaf = chain.get(0);
        X509Certificate intermediate = chain.get(1);
        assertEquals(new TreeSet<>(expectedNames), dnsNames(leaf), "leaf subjectAltName dNSNames");
        assertEquals(intermediate.getSubjectX500Principal(), leaf.getIssuerX500Principal(),
                "the second certificate must be the leaf's issuer");
        assertNotEquals(intermediate.getSubjectX500Principal(), intermediate.getIssuerX500Principal(),
                "the chain must not include a self-signed root");
        assertEquals(-1, leaf.getBasicConstraints(), "the leaf must not be a CA");
    }

    /** Asserts with {@code openssl verify} that {@code leaf} chains to {@code root} through {@code untrusted}. */
    public static void assertOpensslVerifies(Path root, Path untrusted, Path leaf) {
        ToolRun verify = Tool.command("openssl", "verify", "-CAfile", root.toString(),
                "-untrusted", untrusted.toString(), leaf.toString()).runSuccessfully();
        assertTrue(verify.output().contains(": OK"), verify.describe("did not print ': OK'"));
    }

    /**
     * Writes {@code chain} (leaf first) as leaf.pem and untrusted.pem into {@code directory} and verifies it
     * with openssl against {@code root}.
     */
    public static void assertOpensslVerifies(Path root, List<X509Certificate> chain, Path directory) {
        Path leaf = writePem(directory.resolve("leaf.pem"), chain.subList(0, 1));
        Path untrusted = writePem(directory.resolve("untrusted.pem"), chain.subList(1, chain.size()));
        assertOpensslVerifies(root, untrusted, leaf);
    }

    /** A TLS context that trusts only the certificates in {@code rootPem}. */
    public static SSLContext trusting(Path rootPem) {
        try {
            return TrustingAcmeProvider.trusting(rootPem);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a trust store from " + rootPem, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
