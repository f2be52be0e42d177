package io.acmegate.policy;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A name pattern as an operator writes it in an External Account Binding key's policy:
 * <ul>
 *   <li>{@code api.example.com}: exactly that name;</li>
 *   <li>{@code *.example.com}: every name below example.com at any depth, including the wildcard names
 *       {@code *.example.com} and {@code *.a.example.com}, but not example.com itself (list it separately).</li>
 * </ul>
 * A subtree directly below a top-level domain ({@code *.com}) is refused as too broad. Whether a base is a
 * public suffix such as {@code co.uk} is not known here.
 *
 * <p>Immutable; the constructor enforces the same rules as {@link #parse(String)}.
 *
 * @param base    the name the pattern is anchored at, lower case, never a wildcard
 * @param subtree true for {@code *.base} (names strictly below base), false for exactly base
 */
public record NamePattern(String base, boolean subtree) {
    private static final String SUBTREE_PREFIX = "*.";

    public NamePattern {
        Objects.requireNonNull(base, "base");
        String text = subtree ? SUBTREE_PREFIX + base : base;
        Optional<String> problem = problemWith(text, base, subtree);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
    }

    /**
     * Parses a pattern; letters are lower-cased first (DNS names compare case-insensitively, RFC 4343).
     *
     * @throws IllegalArgumentException with a one-line message naming the pattern, if it is not valid
     * @throws NullPointerException     if text is null
     */
    public static NamePattern parse(String text) {
        Objects.requireNonNull(text, "text");
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith(SUBTREE_PREFIX)) {
            return new NamePattern(lower.substring(SUBTREE_PREFIX.length()), true);
        }
        if (lower.equals("*")) {
            throw new IllegalArgumentException(
                    "name pattern \"*\" is not valid: \"*\" must be followed by a domain, as in \"*.example.com\"");
        }
        return new NamePattern(lower, false);
    }

    private static Optional<String> problemWith(String text, String base, boolean subtree) {
        String quoted = "name pattern \"" + DnsNameSyntax.printable(text) + "\"";
        if (text.isEmpty()) {
            return Optional.of("name pattern is empty");
        }
        if (subtree && !base.isEmpty() && base.indexOf('.') < 0 && DnsNameSyntax.labelProblem(base).isEmpty()) {
            return Optional.of(quoted + " is too broad: it covers the whole top-level domain \"" + base
                    + "\"; name a domain below it, as in \"*.example." + base + "\"");
        }
        if (!subtree && base.startsWith(SUBTREE_PREFIX)) {
            return Optional.of(quoted + " is not valid: an exact pattern cannot be a wildcard;"
                    + " use subtree = true for \"" + DnsNameSyntax.printable(base) + "\"");
        }
        return DnsNameSyntax.problem(text).map(reason -> quoted + " is not valid: " + reason);
    }

    /**
     * Whether the pattern covers this name.
     *
     * @param dnsName a DNS name as ordered, possibly a wildcard ("*.a.example.com"); compared case-insensitively
     */
    public boolean matches(String dnsName) {
        String name = dnsName.toLowerCase(Locale.ROOT);
        if (!subtree) {
            return name.equals(base);
        }
        // Strictly below base: ".base" must follow at least one character, so "example.com" and
        // "badexample.com" do not match "*.example.com".
        return name.length() > base.length() + 1
                && name.endsWith(base)
                && name.charAt(name.length() - base.length() - 1) == '.';
    }

    /** The pattern as an operator writes it: "api.example.com" or "*.example.com". */
    @Override
    public String toString() {
        return subtree ? SUBTREE_PREFIX + base : base;
    }
}
