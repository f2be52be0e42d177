package io.acmegate.policy;

import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The certificate profiles the gateway offers, one of them the default for orders that name none.
 * Built once from configuration; immutable and thread-safe.
 */
public final class CertificateProfiles {
    private final List<CertificateProfile> all;
    private final CertificateProfile defaultProfile;

    private CertificateProfiles(List<CertificateProfile> all, CertificateProfile defaultProfile) {
        this.all = all;
        this.defaultProfile = defaultProfile;
    }

    /**
     * Checks and builds the profiles.
     *
     * @param profiles    in the order the directory lists them, not empty, names unique
     * @param defaultName the profile for orders without a {@code "profile"} member; must be one of them
     * @throws IllegalArgumentException one line: no profiles, a name used twice, an unknown default
     * @throws NullPointerException     if an argument or an element is null
     */
    public static CertificateProfiles of(List<CertificateProfile> profiles, String defaultName) {
        List<CertificateProfile> copy = List.copyOf(profiles);
        Objects.requireNonNull(defaultName, "defaultName");
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("no certificate profiles are configured");
        }
        Set<String> names = new HashSet<>();
        for (CertificateProfile profile : copy) {
            if (!names.add(profile.name())) {
                throw new IllegalArgumentException(
                        "certificate profile \"" + profile.name() + "\" is configured twice");
            }
        }
        CertificateProfile defaultProfile = copy.stream().filter(p -> p.name().equals(defaultName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the default certificate profile \""
                        + DnsNameSyntax.printable(defaultName) + "\" is not configured (known: "
                        + copy.stream().map(CertificateProfile::name).toList() + ")"));
        return new CertificateProfiles(copy, defaultProfile);
    }

    /**
     * The embedded default: one profile "classic" of this lifetime, issued by the local CA, requesting no
     * profile from any upstream.
     *
     * @throws IllegalArgumentException if the lifetime is outside 1 minute to 398 days
     */
    public static CertificateProfiles single(Duration lifetime) {
        CertificateProfile classic = new CertificateProfile("classic", "the local CA's default certificate",
                lifetime, Map.of());
        return new CertificateProfiles(List.of(classic), classic);
    }

    /** The profile of this name, or empty when none is configured (the client asked for an unknown one). */
    public Optional<CertificateProfile> find(String name) {
        Objects.requireNonNull(name, "name");
        return all.stream().filter(profile -> profile.name().equals(name)).findFirst();
    }

    /**
     * The profile named, or the default one when none is named or the name is no longer offered (an order taken before
     * the configuration changed): for issuing what was already accepted. New orders refuse unknown names instead.
     */
    public CertificateProfile orDefault(String name) {
        return name == null ? defaultProfile() : find(name).orElse(defaultProfile());
    }

    /** The profile for orders that name none. */
    public CertificateProfile defaultProfile() {
        return defaultProfile;
    }

    /** Every profile in configuration order; unmodifiable. */
    public List<CertificateProfile> all() {
        return all;
    }

    /** The directory's {@code meta.profiles} object: name → description, in configuration order. */
    public Map<String, String> descriptions() {
        Map<String, String> descriptions = new LinkedHashMap<>();
        all.forEach(profile -> descriptions.put(profile.name(), profile.description()));
        return Collections.unmodifiableMap(descriptions);
    }

    @Override
    public String toString() {
        return "CertificateProfiles" + all.stream().map(CertificateProfile::name).toList() + "[default="
                + defaultProfile.name() + "]";
    }
}
