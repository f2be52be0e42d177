package io.acmegate.policy;

import java.util.List;

/**
 * The names an account holds through its External Account Binding key (RFC 8555 §7.3.4): the patterns
 * the key lists. An account without an EAB key holds {@link #none()}. Immutable.
 *
 * @param patterns the key's patterns, in the order the operator listed them
 */
public record NameGrant(List<NamePattern> patterns) {
    private static final NameGrant NONE = new NameGrant(List.of());

    public NameGrant {
        patterns = List.copyOf(patterns);
    }

    /** The grant of an account with no EAB key: it covers nothing. */
    public static NameGrant none() {
        return NONE;
    }

    /**
     * Parses the patterns an EAB key stores as text ("api.example.com", "*.example.com").
     *
     * @throws IllegalArgumentException naming the first invalid pattern
     */
    public static NameGrant parse(List<String> patternTexts) {
        return new NameGrant(patternTexts.stream().map(NamePattern::parse).toList());
    }

    /** Whether any pattern covers the name (see {@link NamePattern#matches(String)}). */
    public boolean covers(String dnsName) {
        return patterns.stream().anyMatch(pattern -> pattern.matches(dnsName));
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }
}
