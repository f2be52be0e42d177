package io.acmegate.gateway.ca;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * The built-in certificate authority: a P-256 root and a P-256 intermediate kept as PEM files in one
 * directory, the intermediate signing every leaf. It is the embedded default upstream and the issuer
 * of the gateway's own HTTPS certificate.
 *
 * <p>Instances are immutable and thread-safe: {@link #issue} may be called from many threads at once.
 */
public final class LocalCa {
    /** Leaves start a minute in the past so that clients with a slow clock accept them at once. */
    /** How far notBefore is back-dated when nobody asked for one, for clients whose clocks run behind. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    private static final Duration SERVER_CERTIFICATE_LIFETIME = Duration.ofDays(90);

    private final Path rootCertificatePath;
    private final CaDirectory.Material material;
    /** The intermediate's key as CaCertificates signs with it (BouncyCastle: 80 µs a P-256 signature, the JDK 130). */
    private final PrivateKey signingKey;
    private final Clock clock;

    private LocalCa(Path dir, CaDirectory.Material material, Clock clock) {
        this.rootCertificatePath = dir.resolve(CaDirectory.ROOT_CERT);
        this.material = material;
        this.signingKey = BouncyCastle.privateKey(material.intermediateKey());
        this.clock = clock;
    }

    /**
     * Loads the CA kept in {@code dir}, or creates it there when the directory does not exist or holds
     * none of its files. The private keys are written as PKCS#8 PEM readable by the owner only (where
     * the file system has POSIX permissions).
     *
     * @throws IllegalStateException with a one-line message naming the file, when only some of the
     *                               files exist, one does not parse, or a key does not belong to its certificate
     * @throws java.io.UncheckedIOException when the files cannot be written
     */
    public static LocalCa openOrCreate(Path dir) {
        return openOrCreate(dir, Clock.systemUTC());
    }

    static LocalCa openOrCreate(Path dir, Clock clock) {
        BouncyCastle.provider();
        return new LocalCa(dir, CaDirectory.openOrCreate(dir, clock.instant()), clock);
    }

    /** The file holding the root certificate: what clients and operators add to their trust stores. */
    public Path rootCertificatePath() {
        return rootCertificatePath;
    }

    public X509Certificate root() {
        return material.root();
    }

    public X509Certificate intermediate() {
        return material.intermediate();
    }

    /**
     * Issues a TLS server and client certificate for the names, signed by the intermediate.
     *
     * @param subjectKey the key to certify (RSA or EC; the CSR check decides which keys are acceptable)
     * @param dnsNames   at least one DNS name, wildcards such as {@code *.example.test} allowed; the first
     *                   becomes the subject common name when it fits in one (64 characters)
     * @param lifetime   positive; the certificate is valid from a minute ago until now plus the lifetime
     */
    public IssuedChain issue(PublicKey subjectKey, List<String> dnsNames, Duration lifetime) {
        Objects.requireNonNull(subjectKey, "subjectKey");
        if (dnsNames.isEmpty()) {
            throw new IllegalArgumentException("a certificate needs at least one DNS name");
        }
        List<GeneralName> altNames = dnsNames.stream().map(name -> new GeneralName(GeneralName.dNSName, name))
                .toList();
        return issue(subjectKey, altNames, dnsNames.get(0), lifetime);
    }

    /**
     * Issues a certificate for DNS names and IP addresses (RFC 8738) with exactly the given validity.
     *
     * @param dnsNames  may be empty when {@code addresses} is not; the first name becomes the common name
     */
    public IssuedChain issue(PublicKey subjectKey, List<String> dnsNames, List<InetAddress> addresses,
                             Instant notBefore, Instant notAfter) {
        Objects.requireNonNull(subjectKey, "subjectKey");
        List<GeneralName> altNames = altNames(dnsNames, addresses);
        if (altNames.isEmpty()) {
            throw new IllegalArgumentException("a certificate needs at least one name or address");
        }
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter must be after notBefore");
        }
        X509Certificate leaf = CaCertificates.leaf(subjectKey, altNames, dnsNames.isEmpty() ? null : dnsNames.get(0),
                material.intermediate(), signingKey, notBefore.truncatedTo(ChronoUnit.SECONDS),
                notAfter.truncatedTo(ChronoUnit.SECONDS));
        return new IssuedChain(leaf, List.of(leaf, material.intermediate()));
    }

    /** The subjectAltName entries: DNS names, then IP addresses (RFC 5280 §4.2.1.6: the address's 4 or 16 octets). */
    private static List<GeneralName> altNames(List<String> dnsNames, List<InetAddress> addresses) {
        List<GeneralName> altNames = new ArrayList<>();
        dnsNames.forEach(name -> altNames.add(new GeneralName(GeneralName.dNSName, name)));
        addresses.forEach(address -> altNames.add(
                new GeneralName(GeneralName.iPAddress, new DEROctetString(address.getAddress()))));
        return altNames;
    }

    /**
     * A fresh key pair and certificate for the gateway's own HTTPS listener, valid for 90 days. Meant to
     * be called on every start: nothing is stored.
     *
     * @param dnsNames    the listener's host names; may be empty when {@code ipAddresses} is not (the
     *                    subject is then empty)
     * @param ipAddresses the listener's addresses
     */
    public ServerCredentials serverCredentials(List<String> dnsNames, List<InetAddress> ipAddresses) {
        List<GeneralName> altNames = altNames(dnsNames, ipAddresses);
        if (altNames.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one name or address");
        }
        KeyPair keys = CaCertificates.newP256KeyPair();
        String commonName = dnsNames.isEmpty() ? null : dnsNames.get(0);
        IssuedChain issued = issue(keys.getPublic(), altNames, commonName, SERVER_CERTIFICATE_LIFETIME);
        return new ServerCredentials(keys.getPrivate(), issued.chain());
    }

    private IssuedChain issue(PublicKey key, List<GeneralName> altNames, String commonName, Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive: " + lifetime);
        }
        // X.509 times have whole seconds (RFC 5280 §4.1.2.5); truncating keeps notAfter - now <= lifetime.
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        X509Certificate leaf = CaCertificates.leaf(key, altNames, commonName, material.intermediate(),
                signingKey, now.minus(CLOCK_SKEW), now.plus(lifetime));
        return new IssuedChain(leaf, List.of(leaf, material.intermediate()));
    }
}
