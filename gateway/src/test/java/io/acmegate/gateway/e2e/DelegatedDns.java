package io.acmegate.gateway.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The DNS around a running gateway as a CA sees it: a domain owner's authoritative server (knotd) for
 * {@value #CUSTOMER_ZONE}, where {@code _acme-challenge} CNAMEs point into the gateway's delegation zone, and a
 * recursive resolver (unbound) that reaches the owner's zone and the gateway's DNS responder as stub zones.
 * {@link #close()} stops both and never throws.
 */
public final class DelegatedDns implements AutoCloseable {

    public static final String CUSTOMER_ZONE = "example.test";

    private final KnotServer customer;
    private final UnboundResolver resolver;

    private DelegatedDns(KnotServer customer, UnboundResolver resolver) {
        this.customer = customer;
        this.resolver = resolver;
    }

    /** Starts both servers with their files under {@code work}. */
    public static DelegatedDns start(Path work, GatewayProcess gateway) {
        KnotServer customer = KnotServer.start(E2e.directory(work, "customer-knot"), CUSTOMER_ZONE);
        try {
            UnboundResolver resolver = UnboundResolver.start(E2e.directory(work, "unbound"),
                    Map.of(CUSTOMER_ZONE, customer.port(), gateway.delegationZone(), gateway.dnsResponderPort()));
            return new DelegatedDns(customer, resolver);
        } catch (Throwable failed) {
            customer.close();
            throw failed;
        }
    }

    /** Creates {@code _acme-challenge.DOMAIN. CNAME TARGET.} in the owner's zone, as the owner does once. */
    public void delegate(String domain, String target) {
        String absolute = target.endsWith(".") ? target : target + ".";
        customer.add("_acme-challenge." + domain + ".", "CNAME", absolute);
    }

    public KnotServer customer() {
        return customer;
    }

    public UnboundResolver resolver() {
        return resolver;
    }

    /** Resolves {@code _acme-challenge.DOMAIN TXT} through unbound, following the CNAME, as a CA does. */
    public Dig.Answer challengeTxt(String domain) {
        return Dig.udp(resolver.port(), "_acme-challenge." + domain, "TXT");
    }

    /** Both servers' logs, for failure messages. */
    public String logs() {
        return "---- knotd (" + CUSTOMER_ZONE + ") ----\n" + customer.log() + "---- unbound ----\n" + resolver.log();
    }

    @Override
    public void close() {
        E2e.closeQuietly(resolver);
        E2e.closeQuietly(customer);
    }
}
