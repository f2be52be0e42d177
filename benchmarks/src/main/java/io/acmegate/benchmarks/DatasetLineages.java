package io.acmegate.benchmarks;

import io.acmegate.gateway.model.Lineage;
import io.acmegate.gateway.status.LineageState;
import io.acmegate.gateway.status.RenewalWindows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The lineages of the status benchmark's dataset, a pure function of their position {@code i} (0-based), the seed
 * and {@code now}: the generator writes them, and the HTTP driver derives the names it looks up without reading the
 * store. Lineage {@code i} belongs to client {@code i % clients}; its names are {@code host-i.customer-c.example.com}
 * and, for two thirds of them, {@code www-i...} and {@code api-i...} (1 to 3 names).
 *
 * <p>States are mixed as a fleet might be: 80 % ok, 8 % renewal-due, 4 % overdue, 3 % expired, 3 % failing, 2 %
 * revoked, with 90-day certificates and the default windows (due from day 60, overdue from day 75). Every time
 * stays at least {@link #MARGIN} away from a state boundary, so no lineage changes state during a run of the
 * benchmark and a sweep right after generation finds nothing to settle.
 */
final class DatasetLineages {
    static final Duration LIFETIME = Duration.ofDays(90);
    static final Duration MARGIN = Duration.ofDays(1);
    private static final long DAY = Duration.ofDays(1).toSeconds();

    private final int clients;
    private final long seed;
    private final Instant now;

    DatasetLineages(int clients, long seed, Instant now) {
        this.clients = clients;
        this.seed = seed;
        this.now = now;
    }

    int clientOf(int i) {
        return i % clients;
    }

    /** The lineage's names, sorted as the store keeps them. */
    static List<String> names(int i, int client) {
        String domain = ".customer-" + client + ".example.com";
        List<String> names = new ArrayList<>();
        names.add("host-" + i + domain);
        if (i % 3 >= 1) {
            names.add("www-" + i + domain);
        }
        if (i % 3 == 2) {
            names.add("api-" + i + domain);
        }
        return names;
    }

    /** The state lineage {@code i} is generated in. */
    LineageState state(int i) {
        int percent = random(i).nextInt(100);
        if (percent < 80) {
            return LineageState.OK;
        } else if (percent < 88) {
            return LineageState.RENEWAL_DUE;
        } else if (percent < 92) {
            return LineageState.OVERDUE;
        } else if (percent < 95) {
            return LineageState.EXPIRED;
        } else if (percent < 98) {
            return LineageState.FAILING;
        }
        return LineageState.REVOKED;
    }

    /** A new lineage (id 0) in {@link #state}, notified for that state, or not notified at all. */
    Lineage lineage(int i, boolean notified) {
        SplittableRandom random = random(i);
        random.nextInt(100); // the state draw, see state(i)
        LineageState state = state(i);
        int client = clientOf(i);
        long margin = MARGIN.toSeconds();
        // Age of the current certificate, in seconds, inside the band that makes the state.
        long age = switch (state) {
            case OK, FAILING, REVOKED -> between(random, margin, 60 * DAY - margin);
            case RENEWAL_DUE -> between(random, 60 * DAY + margin, 75 * DAY - margin);
            case OVERDUE -> between(random, 75 * DAY + margin, 90 * DAY - margin);
            case EXPIRED -> between(random, 90 * DAY + margin, 120 * DAY);
        };
        Instant issuedAt = now.minusSeconds(age);
        Instant notAfter = issuedAt.plus(LIFETIME);
        Lineage.CertificateRef current = new Lineage.CertificateRef(token(random), Long.toHexString(random.nextLong()),
                issuedAt.minus(Duration.ofHours(1)), notAfter, "CN=acmegate bench intermediate", issuedAt,
                state == LineageState.REVOKED);
        Lineage.Failure failure = state == LineageState.FAILING
                ? new Lineage.Failure(issuedAt.plusSeconds(between(random, 1, age - margin)),
                        "urn:ietf:params:acme:error:connection: upstream CA unreachable")
                : null;
        List<String> previous = new ArrayList<>();
        for (int n = random.nextInt(3); n > 0; n--) {
            previous.add(Long.toHexString(random.nextLong()));
        }
        Lineage.Client owner = new Lineage.Client(clientId(client), List.of("mailto:ops@customer-" + client
                + ".example.com"), null, "10.0." + (client >> 8 & 255) + "." + (client & 255), "certbot/2.1.0");
        return new Lineage(0, owner, names(i, client), Lineage.Source.GATEWAY, current,
                RenewalWindows.byDefault(issuedAt, notAfter), null, failure, notified ? state.label() : null,
                previous, List.of(), List.of(), issuedAt);
    }

    /** Shaped like an ACME account id (ResourceIds: 128 bits, base64url), stable for a client number. */
    String clientId(int client) {
        return token(new SplittableRandom(seed * 31 + client));
    }

    private SplittableRandom random(int i) {
        return new SplittableRandom(seed ^ (i * 0x9E3779B97F4A7C15L));
    }

    private static long between(SplittableRandom random, long from, long to) {
        return random.nextLong(from, to);
    }

    private static String token(SplittableRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
