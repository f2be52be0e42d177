package io.acmegate.policy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The issuance policy: for each identifier of a new order, whether the ordering account may have it.
 *
 * <p>A DNS name is {@link NameDecision.Trusted trusted} when the account's External Account Binding grant
 * covers it, or when it lies under an open suffix that every account may have; otherwise it is
 * {@link NameDecision.Validate validated} when a validate entry covers it (the account proves control with a
 * challenge that the gateway checks itself). Everything else, and every name with bad syntax, is
 * {@link NameDecision.Rejected rejected}. An IP address (RFC 8738) is never trusted: it is validated when it
 * lies in a validate CIDR range, else rejected.
 *
 * <p>Built once from configuration; immutable and thread-safe.
 */
public final class IssuancePolicy {
    /**
     * RFC 2606 §2 and RFC 6761 §6.2/§6.3: names that can never be real public names, so handing them to
     * anyone harms nobody, and a first-time user succeeds without an EAB key.
     */
    private static final List<String> EMBEDDED_OPEN_SUFFIXES = List.of("test", "localhost");

    private static final List<String> NAME_CHALLENGES = List.of(NameDecision.Validate.HTTP_01,
            NameDecision.Validate.DNS_01, NameDecision.Validate.TLS_ALPN_01);
    /** RFC 8555 §7.1.3: a wildcard can only be validated with dns-01. */
    private static final List<String> WILDCARD_CHALLENGES = List.of(NameDecision.Validate.DNS_01);
    /** RFC 8738 §7: dns-01 must not be used for IP identifiers. */
    private static final List<String> IP_CHALLENGES = List.of(NameDecision.Validate.HTTP_01,
            NameDecision.Validate.TLS_ALPN_01);

    private final List<String> openSuffixes;
    private final String openOrigin;
    private final ValidateScope validate;

    private IssuancePolicy(List<String> openSuffixes, String openOrigin, ValidateScope validate) {
        this.openSuffixes = openSuffixes;
        this.openOrigin = openOrigin;
        this.validate = validate;
    }

    /**
     * The policy the gateway runs with when nothing is configured: open suffixes "test" and "localhost", no
     * validate entries.
     */
    public static IssuancePolicy embeddedDefault() {
        return new IssuancePolicy(EMBEDDED_OPEN_SUFFIXES, "on the embedded default", ValidateScope.EMPTY);
    }

    /**
     * A policy with these open suffixes: every account may have any name below them. Opening a real
     * public suffix gives every account every name under it; keep this to names nobody else can own.
     *
     * @param openSuffixes domains written without leading or trailing dot ("test", "internal.example.com");
     *                     lower-cased; duplicates dropped; may be empty
     * @throws IllegalArgumentException with one line naming the first invalid suffix
     */
    public static IssuancePolicy of(List<String> openSuffixes) {
        return of(openSuffixes, List.of());
    }

    /**
     * A policy with these open suffixes and these validate entries.
     *
     * @param openSuffixes as for {@link #of(List)}
     * @param validate     what an account may have by proving control, each entry one of:
     *                     <ul>
     *                       <li>"*": every DNS name of valid syntax;</li>
     *                       <li>"example.com": exactly that name;</li>
     *                       <li>"*.example.com": every name strictly below example.com, wildcards included,
     *                           not example.com itself ({@link NamePattern} semantics, except that a whole
     *                           top-level domain such as "*.com" is allowed here);</li>
     *                       <li>a CIDR range of IP addresses ("192.0.2.0/24", "2001:db8::/32", "0.0.0.0/0").</li>
     *                     </ul>
     *                     Names are lower-cased, duplicates dropped; may be empty
     * @throws IllegalArgumentException with one line naming the first invalid suffix or entry
     * @throws NullPointerException     if a list or an element is null
     */
    public static IssuancePolicy of(List<String> openSuffixes, List<String> validate) {
        List<String> normalized = new ArrayList<>();
        for (String suffix : openSuffixes) {
            String lower = Objects.requireNonNull(suffix, "open suffix").toLowerCase(Locale.ROOT);
            checkSuffix(lower);
            if (!normalized.contains(lower)) {
                normalized.add(lower);
            }
        }
        return new IssuancePolicy(List.copyOf(normalized), "by this gateway's policy", ValidateScope.parse(validate));
    }

    private static void checkSuffix(String suffix) {
        String quoted = "open suffix \"" + DnsNameSyntax.printable(suffix) + "\"";
        if (suffix.isEmpty()) {
            throw new IllegalArgumentException("open suffix is empty");
        }
        if (suffix.startsWith(".") || suffix.endsWith(".")) {
            throw new IllegalArgumentException(quoted + " is not valid: write it without a leading or trailing dot");
        }
        if (suffix.length() > DnsNameSyntax.MAX_NAME_LENGTH - 2) {
            throw new IllegalArgumentException(quoted + " is not valid: too long to have any name below it");
        }
        for (String label : suffix.split("\\.", -1)) {
            DnsNameSyntax.labelProblem(label).ifPresent(reason -> {
                throw new IllegalArgumentException(quoted + " is not valid: " + reason);
            });
        }
    }

    /**
     * Decides whether an account may have one DNS name: bad syntax is rejected; then the grant, the open
     * suffixes and the validate entries are asked in this order, and the first that covers the name decides.
     *
     * @param dnsName the name as ordered, lower case, possibly a wildcard ("*.x.example")
     * @param grant   the account's EAB grant, {@link NameGrant#none()} if it has no EAB key
     * @return never null; {@link NameDecision.Rejected} for bad syntax (see {@link DnsNameSyntax})
     * @throws NullPointerException if an argument is null
     */
    public NameDecision decide(String dnsName, NameGrant grant) {
        Objects.requireNonNull(grant, "grant");
        var syntaxProblem = DnsNameSyntax.problem(dnsName);
        if (syntaxProblem.isPresent()) {
            return new NameDecision.Rejected(syntaxProblem.get());
        }
        if (grant.covers(dnsName)) {
            return new NameDecision.Trusted("granted by the account's external account binding");
        }
        for (String suffix : openSuffixes) {
            // The suffix alone is never reached here: a one-label name fails the syntax check, and a
            // multi-label suffix alone is not "below" itself.
            if (dnsName.endsWith("." + suffix)) {
                return new NameDecision.Trusted(
                        "names under ." + suffix + " are open to every account " + openOrigin);
            }
        }
        Optional<String> validateEntry = validate.entryFor(dnsName);
        if (validateEntry.isPresent()) {
            boolean wildcard = dnsName.startsWith("*.");
            List<String> challenges = wildcard ? WILDCARD_CHALLENGES : NAME_CHALLENGES;
            return new NameDecision.Validate("names matching " + validateEntry.get() + " may be had by proving control ("
                    + String.join(", ", challenges) + (wildcard ? ", the only challenge for a wildcard)" : ")"),
                    challenges);
        }
        // Without validate entries the EAB key is the only way in; with them, the name is outside them too.
        String hint = validate.hasNames() ? ", nor among the names this gateway lets accounts prove control of"
                : "";
        if (grant.isEmpty()) {
            return new NameDecision.Rejected(dnsName
                    + " needs an account registered with an external account binding key that lists it" + hint);
        }
        return new NameDecision.Rejected(
                dnsName + " is not among the names this account's external account binding allows" + hint);
    }

    /**
     * Decides whether an account may have one IP address identifier (RFC 8738). EAB grants name DNS names
     * only, so an address is never trusted: it is validated when a validate CIDR range holds it.
     *
     * @param address the identifier's value as ordered; RFC 8738 §3 requires the canonical text (IPv4 dotted
     *                quad, IPv6 in RFC 5952 form), and any other spelling is rejected with the canonical one in
     *                the reason. Never resolved as a host name.
     * @param grant   the account's EAB grant; not consulted today, taken so that callers need not change when
     *                grants learn addresses
     * @return never null
     * @throws NullPointerException if an argument is null
     */
    public NameDecision decideIp(String address, NameGrant grant) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(grant, "grant");
        String quoted = "\"" + DnsNameSyntax.printable(address) + "\"";
        Optional<InetAddress> parsed = IpLiteral.parse(address);
        if (parsed.isEmpty()) {
            return new NameDecision.Rejected(quoted + " is not an IPv4 or IPv6 address");
        }
        String canonical = IpLiteral.canonical(parsed.get());
        if (!canonical.equals(address)) {
            return new NameDecision.Rejected(quoted + " is not in canonical form; write it as \"" + canonical
                    + "\" (RFC 8738 §3, RFC 5952)");
        }
        Optional<String> range = validate.rangeFor(parsed.get());
        if (range.isPresent()) {
            return new NameDecision.Validate("addresses in " + range.get() + " may be had by proving control ("
                    + String.join(", ", IP_CHALLENGES) + ")", IP_CHALLENGES);
        }
        if (!validate.hasRanges()) {
            return new NameDecision.Rejected(address + ": this gateway's policy allows no IP address identifiers");
        }
        return new NameDecision.Rejected(
                address + " is outside the address ranges this gateway lets accounts prove control of");
    }

    /** The suffixes under which every account may have names, in configuration order. */
    public List<String> openSuffixes() {
        return openSuffixes;
    }

    /**
     * The validate entries (name patterns and CIDR ranges) in configuration order, names lower-cased, each
     * once; empty when the policy validates nothing. Unmodifiable.
     */
    public List<String> validatePatterns() {
        return validate.entries();
    }

    @Override
    public String toString() {
        return "IssuancePolicy[openSuffixes=" + openSuffixes + ", validate=" + validate.entries() + "]";
    }
}
