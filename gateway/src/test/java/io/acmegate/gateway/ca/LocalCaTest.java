package io.acmegate.gateway.ca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCaTest {
    private static final String SAN_OID = "2.5.29.17";
    private static final String BASIC_CONSTRAINTS_OID = "2.5.29.19";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    @TempDir
    static Path sharedDir;
    private static LocalCa ca;
    private static KeyPair ecKey;
    private static KeyPair rsaKey;

    @BeforeAll
    static void createCa() throws Exception {
        ca = LocalCa.openOrCreate(sharedDir.resolve("ca"));
        ecKey = CaCertificates.newP256KeyPair();
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        rsaKey = rsa.generateKeyPair();
    }

    @Test
    void createsTheCaFilesAndReloadsTheSameCa(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("data/ca");
        LocalCa created = LocalCa.openOrCreate(dir);
        for (String name : List.of("root.pem", "root.key", "intermediate.pem", "intermediate.key")) {
            assertTrue(Files.isRegularFile(dir.resolve(name)), name);
        }
        try (var entries = Files.list(dir)) {
            assertEquals(4, entries.count(), "no staging leftovers");
        }
        LocalCa reloaded = LocalCa.openOrCreate(dir);

        assertEquals(created.root().getSerialNumber(), reloaded.root().getSerialNumber());
        assertEquals(created.root().getPublicKey(), reloaded.root().getPublicKey());
        assertEquals(created.intermediate(), reloaded.intermediate());
        assertEquals(dir.resolve("root.pem"), reloaded.rootCertificatePath());
        // The reloaded intermediate key still signs leaves that chain to the same root.
        validatePath(reloaded.issue(ecKey.getPublic(), List.of("a.example.test"), Duration.ofDays(1)), created.root());
    }

    @Test
    void createsInsideAnExistingEmptyDirectory(@TempDir Path tmp) {
        LocalCa created = LocalCa.openOrCreate(tmp);
        assertEquals(created.root(), LocalCa.openOrCreate(tmp).root());
        assertTrue(Files.isRegularFile(tmp.resolve("intermediate.key")));
    }

    @Test
    void writesPrivateKeysReadableByTheOwnerOnly(@TempDir Path tmp) throws Exception {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Path dir = tmp.resolve("ca");
        LocalCa.openOrCreate(dir);
        var ownerOnly = PosixFilePermissions.fromString("rw-------");
        assertEquals(ownerOnly, Files.getPosixFilePermissions(dir.resolve("root.key")));
        assertEquals(ownerOnly, Files.getPosixFilePermissions(dir.resolve("intermediate.key")));
        assertTrue(Files.readString(dir.resolve("root.key")).startsWith("-----BEGIN PRIVATE KEY-----"),
                "PKCS#8 PEM");
    }

    @Test
    void refusesAPartialCaDirectoryAndNamesTheMissingFile(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("ca");
        LocalCa.openOrCreate(dir);
        Files.delete(dir.resolve("intermediate.key"));
        byte[] rootBefore = Files.readAllBytes(dir.resolve("root.pem"));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> LocalCa.openOrCreate(dir));
        assertTrue(e.getMessage().contains("intermediate.key"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        assertArrayEquals(rootBefore, Files.readAllBytes(dir.resolve("root.pem")), "existing files untouched");
        assertFalse(Files.exists(dir.resolve("intermediate.key")), "nothing regenerated");
    }

    @Test
    void refusesAFileThatDoesNotParse(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("ca");
        LocalCa.openOrCreate(dir);
        Files.writeString(dir.resolve("root.pem"), "-----BEGIN CERTIFICATE-----\nnot base64 !!\n-----END CERTIFICATE-----\n");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> LocalCa.openOrCreate(dir));
        assertTrue(e.getMessage().contains("root.pem"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void refusesAKeyThatIsNotTheCertificatesKey(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("ca");
        LocalCa.openOrCreate(dir);
        Files.writeString(dir.resolve("intermediate.key"), Pem.privateKey(CaCertificates.newP256KeyPair().getPrivate()));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> LocalCa.openOrCreate(dir));
        assertTrue(e.getMessage().contains("intermediate.key"), e.getMessage());
    }

    @Test
    void rootAndIntermediateAreShapedAsCas() throws Exception {
        X509Certificate root = ca.root();
        X509Certificate intermediate = ca.intermediate();
        assertEquals(root.getSubjectX500Principal(), root.getIssuerX500Principal());
        assertTrue(root.getSubjectX500Principal().getName().startsWith("CN=acmegate local root "));
        assertEquals(Integer.MAX_VALUE, root.getBasicConstraints(), "CA without a path length limit");
        assertEquals(0, intermediate.getBasicConstraints(), "pathLen 0");
        assertTrue(root.getCriticalExtensionOIDs().containsAll(Set.of(BASIC_CONSTRAINTS_OID, "2.5.29.15")));
        boolean[] usage = intermediate.getKeyUsage();
        assertTrue(usage[5] && usage[6], "keyCertSign and cRLSign");
        assertEquals("EC", root.getPublicKey().getAlgorithm());
        assertEquals(intermediate.getIssuerX500Principal(), root.getSubjectX500Principal());
        intermediate.verify(root.getPublicKey());
        long rootYears = Duration.between(root.getNotBefore().toInstant(), root.getNotAfter().toInstant()).toDays() / 365;
        long intermediateYears = Duration.between(intermediate.getNotBefore().toInstant(),
                intermediate.getNotAfter().toInstant()).toDays() / 365;
        assertEquals(10, rootYears);
        assertEquals(5, intermediateYears);
    }

    @Test
    void issuedLeafValidatesUpToTheRoot() throws Exception {
        IssuedChain issued = ca.issue(ecKey.getPublic(), List.of("www.example.test", "example.test"), Duration.ofDays(7));
        assertEquals(List.of(issued.leaf(), ca.intermediate()), issued.chain(), "leaf then intermediate, no root");
        validatePath(issued, ca.root());

        X509Certificate leaf = issued.leaf();
        assertEquals("CN=www.example.test", leaf.getSubjectX500Principal().getName());
        assertEquals(Set.of("www.example.test", "example.test"), dnsNames(leaf));
        assertFalse(leaf.getCriticalExtensionOIDs().contains(SAN_OID), "SAN not critical when CN is set");
        assertEquals(-1, leaf.getBasicConstraints(), "not a CA");
        assertEquals(List.of(SERVER_AUTH, CLIENT_AUTH), leaf.getExtendedKeyUsage());
        assertEquals("SHA256withECDSA", leaf.getSigAlgName());
        assertTrue(leaf.getExtensionValue("2.5.29.35") != null && leaf.getExtensionValue("2.5.29.14") != null,
                "AKI and SKI");
    }

    @Test
    void validityStartsAMinuteAgoAndLastsTheLifetime() throws Exception {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        LocalCa fixed = LocalCa.openOrCreate(sharedDir.resolve("ca"), Clock.fixed(now, ZoneOffset.UTC));
        X509Certificate leaf = fixed.issue(ecKey.getPublic(), List.of("t.example.test"), Duration.ofDays(47)).leaf();
        assertEquals(now.minusSeconds(60), leaf.getNotBefore().toInstant());
        assertEquals(now.plus(Duration.ofDays(47)), leaf.getNotAfter().toInstant());
    }

    @Test
    void wildcardNamesGoIntoTheSan() throws Exception {
        IssuedChain issued = ca.issue(ecKey.getPublic(), List.of("*.example.test", "example.test"), Duration.ofDays(1));
        assertEquals(Set.of("*.example.test", "example.test"), dnsNames(issued.leaf()));
        assertEquals("CN=*.example.test", issued.leaf().getSubjectX500Principal().getName());
        validatePath(issued, ca.root());
    }

    @Test
    void aNameLongerThanACommonNameGivesAnEmptySubjectAndACriticalSan() throws Exception {
        String longName = "a".repeat(60) + ".example.test";
        IssuedChain issued = ca.issue(ecKey.getPublic(), List.of(longName, "short.example.test"), Duration.ofDays(1));
        X509Certificate leaf = issued.leaf();
        assertEquals("", leaf.getSubjectX500Principal().getName());
        assertTrue(leaf.getCriticalExtensionOIDs().contains(SAN_OID));
        assertEquals(Set.of(longName, "short.example.test"), dnsNames(leaf));
        validatePath(issued, ca.root());
    }

    @Test
    void aSixtyFourCharacterNameStillFitsTheCommonName() throws Exception {
        String name = "b".repeat(51) + ".example.test";
        assertEquals(64, name.length());
        X509Certificate leaf = ca.issue(ecKey.getPublic(), List.of(name), Duration.ofDays(1)).leaf();
        assertEquals("CN=" + name, leaf.getSubjectX500Principal().getName());
    }

    @Test
    void ecKeysGetDigitalSignatureOnlyAndRsaKeysAlsoKeyEncipherment() throws Exception {
        X509Certificate ecLeaf = ca.issue(ecKey.getPublic(), List.of("ec.example.test"), Duration.ofDays(1)).leaf();
        X509Certificate rsaLeaf = ca.issue(rsaKey.getPublic(), List.of("rsa.example.test"), Duration.ofDays(1)).leaf();
        assertEquals(ecKey.getPublic(), ecLeaf.getPublicKey());
        assertEquals(rsaKey.getPublic(), rsaLeaf.getPublicKey());
        assertTrue(ecLeaf.getKeyUsage()[0] && !ecLeaf.getKeyUsage()[2], "EC: digitalSignature only");
        assertTrue(rsaLeaf.getKeyUsage()[0] && rsaLeaf.getKeyUsage()[2], "RSA: digitalSignature + keyEncipherment");
        validatePath(new IssuedChain(rsaLeaf, List.of(rsaLeaf, ca.intermediate())), ca.root());
    }

    @Test
    void serialsArePositiveAtMostTwentyOctetsAndDiffer() {
        Set<BigInteger> serials = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            IssuedChain issued = ca.issue(ecKey.getPublic(), List.of("s.example.test"), Duration.ofDays(1));
            BigInteger serial = issued.leaf().getSerialNumber();
            assertEquals(1, serial.signum());
            assertTrue(serial.toByteArray().length <= 20);
            assertEquals(serial.toString(16), issued.serialHex());
            assertEquals(issued.serialHex().toLowerCase(), issued.serialHex());
            serials.add(serial);
        }
        assertEquals(50, serials.size());
    }

    @Test
    void pemIsTheChainInOrder() throws Exception {
        IssuedChain issued = ca.issue(ecKey.getPublic(), List.of("pem.example.test"), Duration.ofDays(1));
        String pem = issued.pem();
        assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----"));
        Collection<? extends Certificate> parsed = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(issued.chain(), List.copyOf(parsed));
    }

    @Test
    void issuesConcurrently() {
        List<IssuedChain> issued = IntStream.range(0, 64).parallel()
                .mapToObj(i -> ca.issue(ecKey.getPublic(), List.of("c" + i + ".example.test"), Duration.ofDays(1)))
                .toList();
        issued.forEach(chain -> assertTrue(verifies(chain.leaf())));
        assertEquals(64, issued.stream().map(IssuedChain::serialHex).distinct().count());
    }

    @Test
    void serverCredentialsCoverNamesAndAddressesAndMatchTheirKey() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        InetAddress v6 = InetAddress.getByName("::1");
        ServerCredentials credentials = ca.serverCredentials(List.of("gw.example.test"), List.of(loopback, v6));
        X509Certificate leaf = credentials.chain().get(0);
        assertEquals(ca.intermediate(), credentials.chain().get(1));
        assertEquals(2, credentials.chain().size());
        validatePath(new IssuedChain(leaf, credentials.chain()), ca.root());

        Set<String> ips = new HashSet<>();
        for (List<?> name : leaf.getSubjectAlternativeNames()) {
            if ((Integer) name.get(0) == 7) {
                ips.add(InetAddress.getByName((String) name.get(1)).getHostAddress());
            }
        }
        assertEquals(Set.of(loopback.getHostAddress(), v6.getHostAddress()), ips);
        assertEquals(Set.of("gw.example.test"), dnsNames(leaf));
        long days = Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()).toDays();
        assertEquals(90, days);

        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(credentials.privateKey());
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(leaf.getPublicKey());
        verifier.update(new byte[] {1, 2, 3});
        assertTrue(verifier.verify(signature), "private key belongs to the leaf");

        ServerCredentials ipOnly = ca.serverCredentials(List.of(), List.of(loopback));
        assertEquals("", ipOnly.chain().get(0).getSubjectX500Principal().getName());
        assertTrue(ipOnly.chain().get(0).getCriticalExtensionOIDs().contains(SAN_OID));
        assertNotEquals(credentials.privateKey(), ipOnly.privateKey(), "a fresh key each time");
    }

    @Test
    void rejectsMeaninglessRequests() {
        assertThrows(IllegalArgumentException.class, () -> ca.issue(ecKey.getPublic(), List.of(), Duration.ofDays(1)));
        assertThrows(IllegalArgumentException.class,
                () -> ca.issue(ecKey.getPublic(), List.of("x.example.test"), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> ca.serverCredentials(List.of(), List.of()));
    }

    private boolean verifies(X509Certificate leaf) {
        try {
            leaf.verify(ca.intermediate().getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** PKIX path validation with the root as the only trust anchor and revocation checking off. */
    private static void validatePath(IssuedChain issued, X509Certificate root) throws Exception {
        var path = CertificateFactory.getInstance("X.509").generateCertPath(issued.chain());
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(path, parameters);
    }

    private static Set<String> dnsNames(X509Certificate certificate) throws Exception {
        Set<String> names = new HashSet<>();
        for (List<?> name : certificate.getSubjectAlternativeNames()) {
            if ((Integer) name.get(0) == 2) {
                names.add((String) name.get(1));
            }
        }
        return names;
    }
}
