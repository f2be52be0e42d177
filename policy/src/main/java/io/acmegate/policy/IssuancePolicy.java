package io.acmegate.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The issuance policy: for each DNS name of a new order, whether the ordering account may have it.
 *
 * <p>In this version a name is {@link NameDecision.Trusted trusted} when the account's External Account
 * Binding grant covers it, or when it lies under an open suffix that every account may have. Everything
 * else, and every name with bad syntax, is {@link NameDecision.Rejected rejected}.
 *
 * <p>Built once from configuration; immutable and thread-safe.
 */
public final class IssuancePolicy {
    /**
     * RFC 2606 §2 and RFC 6761 §6.2/§6.3: names that can never be real public names, so handing them to
     * anyone harms nobody, and a first-time user succeeds without an EAB key.
     */
    private static final List<String> EMBEDDED_OPEN_SUFFIXES = List.of("test", "localhost");

    private final List<String> openSuffixes;
    private final String openOrigin;

    private IssuancePolicy(List<String> openSuffixes, String openOrigin) {
        this.openSuffixes = openSuffixes;
        this.openOrigin = openOrigin;
    }

    /** The policy the gateway runs with when nothing is configured: open suffixes "test" and "localhost". */
    public static IssuancePolicy embeddedDefault() {
        return new IssuancePolicy(EMBEDDED_OPEN_SUFFIXES, "on the embedded default");
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
        List<String> normalized = new ArrayList<>();
        for (String suffix : openSuffixes) {
            String lower = Objects.requireNonNull(suffix, "open suffix").toLowerCase(Locale.ROOT);
            checkSuffix(lower);
            if (!normalized.contains(lower)) {
                normalized.add(lower);
            }
        }
        return new IssuancePolicy(List.copyOf(normalized), "by this gateway's policy");
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
     * Decides whether an account may have one name.
     *
     * @param dnsName the name as ordered, lower case, possibly a wildcard ("*.x.example")
     * @param grant   the account's EAB grant, {@link NameGrant#none()} if it has no EAB key
     * @return never null; {@link NameDecision.Rejected} for bad syntax (see {@link DnsNameSyntax})
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
        if (grant.isEmpty()) {
            return new NameDecision.Rejected(
                    dnsName + " needs an account registered with an external account binding key that lists it");
        }
        return new NameDecision.Rejected(
                dnsName + " is not among the names this account's external account binding allows");
    }

    /** The suffixes under which every account may have names, in configuration order. */
    public List<String> openSuffixes() {
        return openSuffixes;
    }

    @Override
    public String toString() {
        return "IssuancePolicy[openSuffixes=" + openSuffixes + "]";
    }
}
