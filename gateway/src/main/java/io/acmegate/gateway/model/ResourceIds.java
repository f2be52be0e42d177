package io.acmegate.gateway.model;

import java.security.SecureRandom;
import java.util.Base64;

/** Identifiers of ACME resources: 128 random bits, so that URLs cannot be guessed or enumerated. */
public final class ResourceIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ResourceIds() {
    }

    public static String next() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
