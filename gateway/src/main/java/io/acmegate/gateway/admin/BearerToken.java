package io.acmegate.gateway.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A bearer token (the admin API's, the status API's): generated on first start into the data directory, readable
 * by its owner only, so that the command line on the same machine can use it and nobody else.
 */
public final class BearerToken {
    private final String value;

    private BearerToken(String value) {
        this.value = value;
    }

    public static BearerToken loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return new BearerToken(Files.readString(file, StandardCharsets.US_ASCII).trim());
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, token + "\n", StandardCharsets.US_ASCII);
            restrict(tmp);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return new BearerToken(token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the token " + file, e);
        }
    }

    static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // Not a POSIX file system: the directory's own protection applies.
        }
    }

    public String value() {
        return value;
    }

    /** Compares in constant time, so that response timing does not reveal the token. */
    public boolean matchesAuthorization(String header) {
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(value.getBytes(StandardCharsets.US_ASCII),
                header.substring(7).trim().getBytes(StandardCharsets.US_ASCII));
    }
}
