package io.acmegate.gateway.ca;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The four files of the local CA in one directory: {@code root.pem}, {@code root.key},
 * {@code intermediate.pem}, {@code intermediate.key}. Creates them when none exists, loads them
 * when all exist, and refuses anything in between: an existing CA is never silently replaced.
 */
final class CaDirectory {
    static final String ROOT_CERT = "root.pem";
    static final String ROOT_KEY = "root.key";
    static final String INTERMEDIATE_CERT = "intermediate.pem";
    static final String INTERMEDIATE_KEY = "intermediate.key";
    private static final List<String> FILES = List.of(ROOT_CERT, ROOT_KEY, INTERMEDIATE_CERT, INTERMEDIATE_KEY);
    /** Creation moves the keys first and the root certificate last. */
    private static final List<String> MOVE_ORDER = List.of(ROOT_KEY, INTERMEDIATE_KEY, INTERMEDIATE_CERT, ROOT_CERT);

    private static final int ROOT_YEARS = 10;
    private static final int INTERMEDIATE_YEARS = 5;

    /** What the CA needs at run time; the root key stays on disk. */
    record Material(X509Certificate root, X509Certificate intermediate, PrivateKey intermediateKey) {
    }

    private CaDirectory() {
    }

    static Material openOrCreate(Path dir, Instant now) {
        Set<String> present = FILES.stream().filter(name -> Files.exists(dir.resolve(name)))
                .collect(Collectors.toSet());
        if (present.isEmpty()) {
            return create(dir, now);
        }
        if (present.size() < FILES.size()) {
            List<String> missing = FILES.stream().filter(name -> !present.contains(name)).toList();
            throw new IllegalStateException("Local CA directory " + dir + " is incomplete: missing "
                    + String.join(", ", missing) + " (found " + String.join(", ", FILES.stream()
                    .filter(present::contains).toList()) + "); restore the missing files or move the directory"
                    + " away to create a new CA");
        }
        return load(dir);
    }

    private static Material load(Path dir) {
        X509Certificate root = readCertificate(dir, ROOT_CERT);
        PrivateKey rootKey = readKey(dir, ROOT_KEY);
        X509Certificate intermediate = readCertificate(dir, INTERMEDIATE_CERT);
        PrivateKey intermediateKey = readKey(dir, INTERMEDIATE_KEY);
        requireKeyOf(dir, ROOT_KEY, rootKey, ROOT_CERT, root);
        requireKeyOf(dir, INTERMEDIATE_KEY, intermediateKey, INTERMEDIATE_CERT, intermediate);
        try {
            intermediate.verify(root.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Local CA file " + dir.resolve(INTERMEDIATE_CERT)
                    + " is not signed by the root in " + dir.resolve(ROOT_CERT));
        }
        return new Material(root, intermediate, intermediateKey);
    }

    private static Material create(Path dir, Instant now) {
        Instant notBefore = now.minusSeconds(60);
        byte[] idBytes = new byte[4];
        new SecureRandom().nextBytes(idBytes);
        String id = HexFormat.of().formatHex(idBytes);
        KeyPair rootKeys = CaCertificates.newP256KeyPair();
        KeyPair intermediateKeys = CaCertificates.newP256KeyPair();
        X509Certificate root = CaCertificates.root(rootKeys, "acmegate local root " + id, notBefore,
                yearsAfter(now, ROOT_YEARS));
        X509Certificate intermediate = CaCertificates.intermediate(intermediateKeys.getPublic(),
                "acmegate local intermediate " + id, root, rootKeys.getPrivate(), notBefore,
                yearsAfter(now, INTERMEDIATE_YEARS));
        try {
            Path staging = stagingDirectory(dir);
            writeNew(staging.resolve(ROOT_CERT), Pem.certificates(List.of(root)), false);
            writeNew(staging.resolve(INTERMEDIATE_CERT), Pem.certificates(List.of(intermediate)), false);
            writeNew(staging.resolve(ROOT_KEY), Pem.privateKey(rootKeys.getPrivate()), true);
            writeNew(staging.resolve(INTERMEDIATE_KEY), Pem.privateKey(intermediateKeys.getPrivate()), true);
            publish(staging, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the local CA in " + dir + ": " + e.getMessage(), e);
        }
        return new Material(root, intermediate, intermediateKeys.getPrivate());
    }

    /**
     * A fresh directory on the same file system as {@code dir}, so that renames out of it are atomic:
     * beside {@code dir} when it does not exist yet, inside it otherwise (it may be a mount point).
     */
    private static Path stagingDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return Files.createTempDirectory(dir, ".creating-");
        }
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        return Files.createTempDirectory(parent, "." + dir.getFileName() + ".creating-");
    }

    /**
     * Moves the staged files into place. A missing {@code dir} receives the whole staging directory
     * in one rename, so a crash leaves either no CA or a whole one. An existing {@code dir} receives
     * one atomic rename per file; a crash between them leaves a partial CA that the next start
     * reports rather than overwrites.
     */
    private static void publish(Path staging, Path dir) throws IOException {
        if (!Files.exists(dir)) {
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(dir.toAbsolutePath().getParent());
            return;
        }
        for (String name : MOVE_ORDER) {
            Files.move(staging.resolve(name), dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        }
        Files.delete(staging);
        syncDirectory(dir);
    }

    private static void writeNew(Path file, String text, boolean secret) throws IOException {
        FileAttribute<?>[] attributes = secret && posix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), attributes)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
    }

    /** Makes the renames durable where the platform allows syncing a directory (Linux does, Windows does not). */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort: the files themselves were forced before the rename.
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static X509Certificate readCertificate(Path dir, String name) {
        try {
            return Pem.readCertificate(read(dir, name));
        } catch (IllegalArgumentException e) {
            throw unreadable(dir, name, e);
        }
    }

    private static PrivateKey readKey(Path dir, String name) {
        try {
            return Pem.readPrivateKey(read(dir, name));
        } catch (IllegalArgumentException e) {
            throw unreadable(dir, name, e);
        }
    }

    private static String read(Path dir, String name) {
        try {
            return Files.readString(dir.resolve(name), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw unreadable(dir, name, e);
        }
    }

    private static IllegalStateException unreadable(Path dir, String name, Exception cause) {
        return new IllegalStateException("Local CA file " + dir.resolve(name) + " is unreadable: "
                + Pem.oneLine(cause), cause);
    }

    /** Signs a probe with the key and verifies it with the certificate: catches keys swapped between files. */
    private static void requireKeyOf(Path dir, String keyName, PrivateKey key, String certName,
                                     X509Certificate certificate) {
        String mismatch = "Local CA file " + dir.resolve(keyName) + " is not the key of " + dir.resolve(certName);
        if (!(key instanceof ECPrivateKey) || !(certificate.getPublicKey() instanceof ECPublicKey)) {
            throw new IllegalStateException(mismatch + " (the local CA uses ECDSA keys)");
        }
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(CaCertificates.SIGNATURE_ALGORITHM);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(CaCertificates.SIGNATURE_ALGORITHM);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new IllegalStateException(mismatch);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(mismatch + ": " + Pem.oneLine(e), e);
        }
    }

    private static Instant yearsAfter(Instant now, int years) {
        return now.atOffset(ZoneOffset.UTC).plusYears(years).toInstant();
    }
}
