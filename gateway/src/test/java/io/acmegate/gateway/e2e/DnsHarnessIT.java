package io.acmegate.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DNS harness alone, without the gateway: unbound follows a CNAME from one knotd to another, and sees a
 * record changed by dynamic update at once. When a delegation test fails and this passes, look at the gateway.
 */
class DnsHarnessIT {

    @TempDir
    static Path work;
    private static KnotServer customer;
    private static KnotServer delegationZone;
    private static UnboundResolver resolver;

    @BeforeAll
    static void startServers() throws Exception {
        customer = KnotServer.start(Files.createDirectory(work.resolve("customer")), "example.test");
        delegationZone = KnotServer.start(Files.createDirectory(work.resolve("stand-in")), "acme.gateway.test",
                "label-one TXT \"first-value\"");
        resolver = UnboundResolver.start(Files.createDirectory(work.resolve("unbound")),
                Map.of("example.test", customer.port(), "acme.gateway.test", delegationZone.port()));
    }

    @AfterAll
    static void stopServers() {
        for (AutoCloseable server : new AutoCloseable[] {resolver, delegationZone, customer}) {
            E2e.closeQuietly(server);
        }
    }

    @Test
    void resolverFollowsTheCnameIntoTheDelegationZoneAndSeesUpdatesAtOnce() {
        String owner = "_acme-challenge.shop.example.test";
        assertEquals("NXDOMAIN", Dig.udp(resolver.port(), owner, "TXT").status(), "before the CNAME exists");

        customer.add(owner + ".", "CNAME", "label-one.acme.gateway.test.");
        Dig.Answer answer = Dig.udp(resolver.port(), owner, "TXT");
        assertEquals(List.of("label-one.acme.gateway.test."), answer.cnames(), answer.describe("CNAME"));
        assertEquals(List.of("first-value"), answer.txt(), answer.describe("TXT through the CNAME"));

        delegationZone.add("label-one.acme.gateway.test.", "TXT", "\"second-value\"");
        delegationZone.delete("label-one.acme.gateway.test.", "TXT");
        delegationZone.add("label-one.acme.gateway.test.", "TXT", "\"third-value\"");
        Dig.Answer changed = Dig.tcp(resolver.port(), owner, "TXT");
        assertEquals(List.of("third-value"), changed.txt(), changed.describe("TXT after the update, over TCP"));
    }
}
