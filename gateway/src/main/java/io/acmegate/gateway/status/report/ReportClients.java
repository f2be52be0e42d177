package io.acmegate.gateway.status.report;

import io.acmegate.gateway.model.ReportClient;
import io.acmegate.gateway.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The clients allowed to report certificates they got elsewhere, each with its own token. Only a hash of the
 * token is stored: 256 random bits need no slow hash, and a copy of the store does not let anyone report.
 */
public final class ReportClients {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Store store;
    private final Clock clock;

    public ReportClients(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A client name and the token it reports with; the token is shown once. */
    public record Created(String name, String token) {
    }

    /**
     * Creates a client, or gives an existing one a new token (the old one stops working).
     *
     * @throws IllegalArgumentException for a name that is not 1-64 letters, digits, dots, dashes or underscores
     */
    public Created create(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("client name must be 1-64 letters, digits, '.', '-' or '_', not '"
                    + name + "'");
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        store.putReportClient(new ReportClient(name, hash(token), clock.instant()));
        return new Created(name, token);
    }

    /** The client whose token an {@code Authorization: Bearer} header carries. */
    public Optional<ReportClient> authenticate(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return Optional.empty();
        }
        return store.reportClientByTokenHash(hash(authorization.substring(7).trim()));
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
