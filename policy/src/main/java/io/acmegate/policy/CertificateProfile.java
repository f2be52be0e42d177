package io.acmegate.policy;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One certificate profile the gateway offers its clients (the ACME profiles extension as Let's Encrypt
 * serves it: advertised in the directory's {@code meta.profiles}, chosen with the newOrder {@code "profile"}
 * member), and what it means upstream. Immutable; validated on construction.
 *
 * @param name             what clients ask for: 1 to 64 characters of a-z, 0-9 and "-"
 * @param description      what the directory shows for it, one line, not blank
 * @param lifetime         the certificate lifetime the profile issues, and the longest a client may request
 *                         with notBefore/notAfter; between 10 seconds and 398 days (the CA/Browser Forum
 *                         Baseline Requirements' longest TLS server certificate)
 * @param upstreamProfiles upstream account name → the profile name to request from that CA; an upstream
 *                         absent from the map is asked for no profile (its own default); copied
 */
public record CertificateProfile(String name, String description, Duration lifetime,
        Map<String, String> upstreamProfiles) {
    /** Ten seconds: a demonstration of renewal status (serve --cert-lifetime) runs through a whole lifetime. */
    static final Duration MIN_LIFETIME = Duration.ofSeconds(10);
    static final Duration MAX_LIFETIME = Duration.ofDays(398);
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,64}");

    public CertificateProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(upstreamProfiles, "upstreamProfiles");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("certificate profile name \"" + DnsNameSyntax.printable(name)
                    + "\" is not valid: use 1 to 64 characters of a-z, 0-9 and \"-\"");
        }
        String quoted = "certificate profile \"" + name + "\"";
        if (description.isBlank() || description.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(quoted + ": the description must be one line, not blank");
        }
        if (lifetime.compareTo(MIN_LIFETIME) < 0 || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException(quoted + ": the lifetime must be between 10 seconds and 398 days, not "
                    + lifetime);
        }
        upstreamProfiles.forEach((upstream, profile) -> {
            if (upstream == null || upstream.isBlank() || profile == null || profile.isBlank()) {
                throw new IllegalArgumentException(quoted + ": an upstream profile mapping has a blank name");
            }
        });
        upstreamProfiles = Map.copyOf(upstreamProfiles);
    }

    /** The profile to request from this upstream account, or empty to request none (the CA's default). */
    public Optional<String> upstreamProfile(String upstream) {
        return Optional.ofNullable(upstreamProfiles.get(upstream));
    }
}
