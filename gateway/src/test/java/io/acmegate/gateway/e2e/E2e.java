package io.acmegate.gateway.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/** Small helpers shared by the end-to-end tests. */
final class E2e {

    /** RFC 8555 §6.7: what a second revocation of the same certificate is refused with. */
    static final String ALREADY_REVOKED = "urn:ietf:params:acme:error:alreadyRevoked";

    private static final SecureRandom RANDOM = new SecureRandom();

    private E2e() {
    }

    /** Closes a server started by a test, if it was started; never throws, so that the others get closed too. */
    static void closeQuietly(AutoCloseable server) {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (Exception ignored) {
            // stopping anyway: the next one must still be closed
        }
    }

    /** {@code parent/name}, created if absent: a working directory of its own for one tool run or server. */
    static Path directory(Path parent, String name) {
        try {
            return Files.createDirectories(parent.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A random dns-01 TXT value: base64url without padding of 32 bytes, 43 characters (RFC 8555 §8.4). */
    static String randomTxtValue() {
        byte[] digest = new byte[32];
        RANDOM.nextBytes(digest);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}
