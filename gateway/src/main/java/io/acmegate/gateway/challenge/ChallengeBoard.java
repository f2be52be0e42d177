package io.acmegate.gateway.challenge;

import io.acmegate.gateway.model.PublishedChallenge;
import io.acmegate.gateway.model.PublishedChallenge.Kind;
import io.acmegate.gateway.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place where pending challenge answers are published and withdrawn: TXT values by DNS name
 * (dns-01) and key authorizations by token (http-01). Writes go to the store first, so that a restart
 * keeps what is pending, then to an in-memory index that the responders read on every query: a
 * published record is visible as soon as {@code publish} returns.
 *
 * <p>Thread-safe. Expired records are never served and are removed by {@link #sweep()}.
 */
public final class ChallengeBoard {
    private final Store store;
    private final Clock clock;
    /** name → (value → record): several values may share a name (a wildcard and its base name). */
    private final Map<String, Map<String, PublishedChallenge>> txt = new ConcurrentHashMap<>();
    private final Map<String, PublishedChallenge> tokens = new ConcurrentHashMap<>();

    public ChallengeBoard(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
        store.publishedChallenges().forEach(this::index);
    }

    public void publishTxt(String name, String value, Duration lifetime) {
        publish(new PublishedChallenge(Kind.TXT, normalise(name), value, clock.instant().plus(lifetime)));
    }

    public void withdrawTxt(String name, String value) {
        Map<String, PublishedChallenge> values = txt.get(normalise(name));
        PublishedChallenge record = values == null ? null : values.get(value);
        if (record != null) {
            withdraw(record);
        }
    }

    public void publishToken(String token, String keyAuthorization, Duration lifetime) {
        publish(new PublishedChallenge(Kind.HTTP_TOKEN, token, keyAuthorization, clock.instant().plus(lifetime)));
    }

    public void withdrawToken(String token) {
        PublishedChallenge record = tokens.get(token);
        if (record != null) {
            withdraw(record);
        }
    }

    /** The live TXT values at a name (absolute, any case, with or without the trailing dot). */
    public List<String> txt(String name) {
        Map<String, PublishedChallenge> values = txt.get(normalise(name));
        if (values == null) {
            return List.of();
        }
        Instant now = clock.instant();
        return values.values().stream().filter(r -> r.expires().isAfter(now)).map(PublishedChallenge::value).toList();
    }

    public Optional<String> keyAuthorization(String token) {
        PublishedChallenge record = tokens.get(token);
        return record == null || !record.expires().isAfter(clock.instant()) ? Optional.empty()
                : Optional.of(record.value());
    }

    /** Removes expired records from the store and the index; returns how many. */
    public int sweep() {
        Instant now = clock.instant();
        List<PublishedChallenge> expired = java.util.stream.Stream.concat(
                        txt.values().stream().flatMap(m -> m.values().stream()), tokens.values().stream())
                .filter(r -> !r.expires().isAfter(now)).toList();
        expired.forEach(this::withdraw);
        return expired.size();
    }

    private void publish(PublishedChallenge record) {
        store.publishChallenge(record);
        index(record);
    }

    private void withdraw(PublishedChallenge record) {
        store.withdrawChallenge(record);
        if (record.kind() == Kind.TXT) {
            txt.computeIfPresent(record.key(), (name, values) -> {
                values.remove(record.value());
                return values.isEmpty() ? null : values;
            });
        } else {
            tokens.remove(record.key(), record);
        }
    }

    private void index(PublishedChallenge record) {
        if (record.kind() == Kind.TXT) {
            // compute, not computeIfAbsent + put: atomic against a withdraw emptying the same name.
            txt.compute(record.key(), (name, values) -> {
                Map<String, PublishedChallenge> next = values == null ? new ConcurrentHashMap<>() : values;
                next.put(record.value(), record);
                return next;
            });
        } else {
            tokens.put(record.key(), record);
        }
    }

    static String normalise(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
