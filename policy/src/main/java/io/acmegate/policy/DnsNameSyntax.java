package io.acmegate.policy;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The syntax of a DNS identifier in an order: RFC 8555 §7.1.4 (wildcards), RFC 1035 §2.3.1 (LDH labels and
 * lengths), RFC 5890 (internationalized names only as A-labels, "xn--...", which are LDH already).
 *
 * <p>Stateless and thread-safe. Reasons are one line and never echo control characters from the input, so
 * they can go into a problem document or a log as they are.
 */
public final class DnsNameSyntax {
    /** RFC 1035 §2.3.4: 255 octets on the wire, which is 253 characters written without the root dot. */
    static final int MAX_NAME_LENGTH = 253;
    /** RFC 1035 §2.3.4. */
    static final int MAX_LABEL_LENGTH = 63;

    private static final Pattern DOTTED_QUAD = Pattern.compile("[0-9]+(\\.[0-9]+){3}");

    private DnsNameSyntax() {
    }

    /**
     * Checks one DNS name as an ACME client would send it in a {@code "dns"} identifier.
     *
     * @param name the name, already in lower case (the gateway lower-cases identifiers; upper case here is
     *             reported as a problem rather than silently accepted); may start with the wildcard label "*."
     * @return empty if the name is acceptable, else the reason why not, in one line
     * @throws NullPointerException if name is null
     */
    public static Optional<String> problem(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            return Optional.of("the name is empty");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return Optional.of("the name is " + name.length() + " characters long; at most " + MAX_NAME_LENGTH
                    + " are allowed (RFC 1035)");
        }
        if (name.endsWith(".")) {
            return Optional.of("the name ends with a dot; write it without the trailing dot");
        }
        // RFC 8555 §7.1.4 / RFC 8738: IP addresses are "ip" identifiers, never "dns" ones.
        if (name.indexOf(':') >= 0 || DOTTED_QUAD.matcher(name).matches()) {
            return Optional.of("an IP address is not a DNS name (IP addresses are \"ip\" identifiers, RFC 8738)");
        }
        if (!name.equals(name.toLowerCase(Locale.ROOT))) {
            return Optional.of("the name must be in lower case");
        }
        String[] labels = name.split("\\.", -1);
        boolean wildcard = labels[0].equals("*");
        if (wildcard && labels.length < 3) {
            // RFC 8555 §7.1.4 allows "*." only as a prefix; below a bare TLD it would cover a whole registry.
            return Optional.of("a wildcard needs at least two labels after \"*.\", as in \"*.example.com\"");
        }
        for (int i = wildcard ? 1 : 0; i < labels.length; i++) {
            Optional<String> problem = labelProblem(labels[i]);
            if (problem.isPresent()) {
                return problem;
            }
        }
        if (labels.length < 2) {
            return Optional.of("the name needs at least two labels; a bare top-level domain cannot be ordered");
        }
        if (labels[labels.length - 1].chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of("the top-level label \"" + labels[labels.length - 1] + "\" is all digits");
        }
        return Optional.empty();
    }

    /**
     * Checks one label other than a leading wildcard: RFC 1035 §2.3.1 letters, digits and hyphens, 1..63
     * characters, no hyphen first or last. Package-private: the policy uses it for configured suffixes.
     */
    static Optional<String> labelProblem(String label) {
        if (label.isEmpty()) {
            return Optional.of("the name has an empty label (a leading dot or two dots in a row)");
        }
        if (label.indexOf('*') >= 0) {
            return Optional.of("\"*\" is allowed only as the whole leftmost label, as in \"*.example.com\"");
        }
        if (label.length() > MAX_LABEL_LENGTH) {
            return Optional.of("the label \"" + printable(label.substring(0, 20)) + "...\" is " + label.length()
                    + " characters long; at most " + MAX_LABEL_LENGTH + " are allowed (RFC 1035)");
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (!isLdh(c)) {
                String hint = c > 0x7f ? "; write internationalized names as A-labels (\"xn--...\", RFC 5890)"
                        : "; only a-z, 0-9 and \"-\" are allowed";
                return Optional.of("the label \"" + printable(label) + "\" contains " + describe(c) + hint);
            }
        }
        if (label.startsWith("-") || label.endsWith("-")) {
            return Optional.of("the label \"" + label + "\" starts or ends with a hyphen");
        }
        return Optional.empty();
    }

    private static boolean isLdh(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    }

    private static String describe(char c) {
        if (c > 0x20 && c < 0x7f) {
            return "\"" + c + "\"";
        }
        return String.format("U+%04X", (int) c);
    }

    /**
     * The text with control and non-ASCII characters written as U+XXXX and cut to a readable length, so
     * that a message built from untrusted input stays on one line.
     */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        int limit = Math.min(text.length(), 80);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("U+%04X", (int) c));
            }
        }
        if (text.length() > limit) {
            out.append("...");
        }
        return out.toString();
    }
}
