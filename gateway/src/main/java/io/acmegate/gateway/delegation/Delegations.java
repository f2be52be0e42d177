package io.acmegate.gateway.delegation;

import io.acmegate.gateway.challenge.ChallengeBoard;
import io.acmegate.gateway.model.Delegation;
import io.acmegate.gateway.store.Store;
import io.acmegate.policy.DnsNameSyntax;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The registry of delegation labels: which label in the delegation zone answers for which domains.
 * Labels are UUIDs, as acme-dns makes them, so that they can be neither guessed nor collide.
 */
public final class Delegations {
    private final Store store;
    private final ChallengeBoard board;
    private final DelegationZone zone;
    private final Clock clock;

    public Delegations(Store store, ChallengeBoard board, DelegationZone zone, Clock clock) {
        this.store = store;
        this.board = board;
        this.zone = zone;
        this.clock = clock;
    }

    public DelegationZone zone() {
        return zone;
    }

    public ChallengeBoard board() {
        return board;
    }

    /**
     * The delegation for a domain, created if there is none yet (running it twice prints the same CNAME).
     *
     * @throws IllegalArgumentException if the domain is not a valid DNS name
     */
    public Delegation add(String domain) {
        String name = normalise(domain);
        return forDomain(name).orElseGet(() -> {
            Delegation created = new Delegation(UUID.randomUUID().toString(), List.of(name), null, List.of(),
                    clock.instant());
            store.putDelegation(created);
            return created;
        });
    }

    public Optional<Delegation> forDomain(String domain) {
        String name = normalise(domain);
        return store.delegations().stream().filter(d -> d.domains().contains(name)).findFirst();
    }

    /** The record the domain owner creates once: {@code _acme-challenge.<domain> CNAME <label>.<zone>}. */
    public String cnameRecord(String domain, Delegation delegation) {
        return "_acme-challenge." + normalise(domain) + ". CNAME " + zone.nameOf(delegation.label()) + ".";
    }

    /** Removes a delegation and withdraws every TXT value published under it. */
    public void remove(Delegation delegation) {
        String name = zone.nameOf(delegation.label());
        board.txt(name).forEach(value -> board.withdrawTxt(name, value));
        store.removeDelegation(delegation);
    }

    public static String normalise(String domain) {
        String name = domain.trim().toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.startsWith("_acme-challenge.")) {
            name = name.substring("_acme-challenge.".length());
        }
        Optional<String> problem = DnsNameSyntax.problem(name);
        if (problem.isPresent() || name.startsWith("*.")) {
            throw new IllegalArgumentException("'" + domain + "' is not a domain name: "
                    + problem.orElse("a delegation is for a domain, not a wildcard (it serves both)"));
        }
        return name;
    }
}
