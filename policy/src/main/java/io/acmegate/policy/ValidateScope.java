package io.acmegate.policy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The identifiers an account may have by proving control: the policy's "validate" entries, each a DNS name
 * pattern or a CIDR range of IP addresses. Immutable.
 *
 * <p>Name patterns follow {@link NamePattern} ("example.com" exactly, "*.example.com" every name strictly
 * below, wildcards included) with two additions that make sense only here, where every name still has to be
 * proven: "*" covers every DNS name, and "*.com" covers a whole top-level domain.
 */
final class ValidateScope {
    static final ValidateScope EMPTY = new ValidateScope(List.of(), List.of(), List.of());

    private final List<String> entries;
    private final List<NameEntry> names;
    private final List<CidrRange> ranges;

    /** A name entry: a NamePattern, or everything (pattern and tld null), or one whole TLD. */
    private record NameEntry(String text, NamePattern pattern, String tld) {
        boolean matches(String dnsName) {
            if (pattern != null) {
                return pattern.matches(dnsName);
            }
            return tld == null || dnsName.endsWith("." + tld);
        }
    }

    private ValidateScope(List<String> entries, List<NameEntry> names, List<CidrRange> ranges) {
        this.entries = entries;
        this.names = names;
        this.ranges = ranges;
    }

    /**
     * Parses the entries; names are lower-cased and duplicates dropped.
     *
     * @throws IllegalArgumentException one line naming the first invalid entry
     */
    static ValidateScope parse(List<String> texts) {
        List<String> entries = new ArrayList<>();
        List<NameEntry> names = new ArrayList<>();
        List<CidrRange> ranges = new ArrayList<>();
        for (String text : texts) {
            String entry = Objects.requireNonNull(text, "validate entry").toLowerCase(Locale.ROOT);
            if (entries.contains(entry)) {
                continue;
            }
            entries.add(entry);
            if (entry.indexOf('/') >= 0) {
                ranges.add(parseRange(entry));
            } else {
                names.add(parseName(entry));
            }
        }
        return new ValidateScope(List.copyOf(entries), List.copyOf(names), List.copyOf(ranges));
    }

    private static CidrRange parseRange(String entry) {
        try {
            return CidrRange.parse(entry);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("validate entry \"" + DnsNameSyntax.printable(entry)
                    + "\" is not a valid CIDR range: " + DnsNameSyntax.printable(e.getMessage()));
        }
    }

    private static NameEntry parseName(String entry) {
        String quoted = "validate entry \"" + DnsNameSyntax.printable(entry) + "\"";
        if (entry.isEmpty()) {
            throw new IllegalArgumentException("validate entry is empty");
        }
        if (entry.equals("*")) {
            return new NameEntry(entry, null, null);
        }
        if (IpLiteral.parse(entry).isPresent()) {
            throw new IllegalArgumentException(quoted + " is an address without a prefix length; write it as \""
                    + entry + (entry.indexOf(':') >= 0 ? "/128" : "/32") + "\"");
        }
        if (entry.startsWith("*.") && entry.indexOf('.', 2) < 0 && DnsNameSyntax.labelProblem(entry.substring(2))
                .isEmpty()) {
            return new NameEntry(entry, null, entry.substring(2));
        }
        try {
            return new NameEntry(entry, NamePattern.parse(entry), null);
        } catch (IllegalArgumentException e) {
            // NamePattern names the pattern itself; say "validate entry" instead, so the line says where it is.
            String namePattern = "name pattern \"" + DnsNameSyntax.printable(entry) + "\"";
            String message = e.getMessage();
            throw new IllegalArgumentException(message.startsWith(namePattern)
                    ? quoted + message.substring(namePattern.length())
                    : quoted + " is not valid: " + message);
        }
    }

    /** The first name entry that covers this name (already syntax-checked, lower case). */
    Optional<String> entryFor(String dnsName) {
        return names.stream().filter(entry -> entry.matches(dnsName)).map(NameEntry::text).findFirst();
    }

    /** The first range that holds the address. */
    Optional<String> rangeFor(InetAddress address) {
        return ranges.stream().filter(range -> range.contains(address)).map(CidrRange::text).findFirst();
    }

    boolean hasNames() {
        return !names.isEmpty();
    }

    boolean hasRanges() {
        return !ranges.isEmpty();
    }

    List<String> entries() {
        return entries;
    }
}
