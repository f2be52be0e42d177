package io.acmegate.gateway.delegation;

import java.util.Locale;

/**
 * The zone acmegate's DNS responder is authoritative for, under which delegated
 * {@code _acme-challenge} names point (e.g. {@code acme.gw.example.net}).
 *
 * @param apex       the zone, lower case, no trailing dot
 * @param nameServer the name of the responder as the parent zone's NS record names it
 */
public record DelegationZone(String apex, String nameServer) {
    public DelegationZone {
        apex = apex.toLowerCase(Locale.ROOT);
        nameServer = nameServer.toLowerCase(Locale.ROOT);
    }

    /** The name a label's TXT records live at. */
    public String nameOf(String label) {
        return label + "." + apex;
    }
}
