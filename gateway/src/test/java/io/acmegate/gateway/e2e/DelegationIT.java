package io.acmegate.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CNAME delegation through real DNS software (issue 3): a domain owner's knotd holds
 * {@code _acme-challenge.DOMAIN CNAME LABEL.acme.gateway.test.}, unbound resolves it as a CA would, and the
 * gateway's DNS responder answers for the label with the TXT values published through its acme-dns API.
 */
class DelegationIT {

    private static final String ZONE = "acme.gateway.test";
    /** About 2 KB of TXT records: past any UDP answer size a resolver advertises by default. */
    private static final int MANY_VALUES = 30;
    private static final Pattern RECORD_LINE =
            Pattern.compile("(?m)^record: _acme-challenge\\.(\\S+)\\. CNAME (\\S+)\\.$");

    @TempDir
    static Path work;
    private static GatewayProcess gateway;
    private static DelegatedDns dns;
    private static AcmeDnsApi api;

    @BeforeAll
    static void start() {
        RequiredTools.assertInstalled("knotd", "unbound", "dig", "nsupdate");
        gateway = GatewayProcess.start("DelegationIT", "--dns-zone", ZONE);
        dns = DelegatedDns.start(work, gateway);
        api = new AcmeDnsApi(gateway.acmeDnsApi(), gateway.rootCertificate());
    }

    @AfterAll
    static void stop() {
        E2e.closeQuietly(dns);
        E2e.closeQuietly(gateway);
    }

    @Test
    void responderIsAuthoritativeForTheDelegationZoneOverUdpAndTcp() {
        for (Dig.Answer soa : List.of(Dig.udp(gateway.dnsResponderPort(), ZONE, "SOA"),
                Dig.tcp(gateway.dnsResponderPort(), ZONE, "SOA"))) {
            assertEquals("NOERROR", soa.status(), soa.describe("SOA of the delegation zone's apex"));
            assertTrue(soa.flags().contains("aa"), soa.describe("the responder must answer with authority (AA)"));
            assertEquals(1, soa.records().stream().filter(r -> r.type().equals("SOA")).count(),
                    soa.describe("one SOA record"));
        }
        // RFC 1035 §4.3.1 / RFC 2308: a name that does not exist in a zone the server is authoritative for.
        Dig.Answer missing = Dig.udp(gateway.dnsResponderPort(), "no-such-label." + ZONE, "TXT");
        assertEquals("NXDOMAIN", missing.status(), missing.describe("an unknown label"));
        assertTrue(missing.flags().contains("aa"), missing.describe("NXDOMAIN with authority (AA)"));
    }

    @Test
    void txtValuesPublishedThroughTheAcmeDnsApiResolveThroughTheOwnersCname() {
        AcmeDnsApi.Registration registration = api.register();
        assertEquals(registration.subdomain() + "." + ZONE, registration.fulldomain(),
                "fulldomain is the label in the delegation zone");
        dns.delegate("shop.example.test", registration.fulldomain());
        String first = E2e.randomTxtValue();
        String second = E2e.randomTxtValue();

        AcmeDnsApi.Reply published = api.update(registration, first);
        assertEquals(200, published.status(), "POST /update answered " + published.body());
        assertEquals(first, published.body().path("txt").asText(), "POST /update echoes the value");
        assertChallengeTxt("shop.example.test", registration, Set.of(first), "after publishing one value");

        assertEquals(200, api.update(registration, second).status(), "POST /update of a second value");
        assertChallengeTxt("shop.example.test", registration, Set.of(first, second),
                "after publishing a second value (both must be served: a wildcard and its base name need both)");

        AcmeDnsApi.Reply removed = api.remove(registration, first);
        assertEquals(200, removed.status(), "DELETE /update answered " + removed.body());
        assertChallengeTxt("shop.example.test", registration, Set.of(second), "after DELETE /update of the first");
        Dig.Answer direct = Dig.tcp(gateway.dnsResponderPort(), registration.fulldomain(), "TXT");
        assertEquals(List.of(second), direct.txt(), direct.describe("straight at the responder over TCP"));
        assertTrue(direct.flags().contains("aa"), direct.describe("TXT answer with authority (AA)"));
    }

    /**
     * More values than fit a 1232-byte UDP answer (the EDNS size dig and unbound advertise): the responder sets TC, unbound retries
     * over TCP (RFC 7766), and the resolver's client still gets every value.
     */
    @Test
    void manyValuesUnderOneLabelReachTheResolverOverTcp() {
        AcmeDnsApi.Registration registration = api.register();
        dns.delegate("arcade.example.test", registration.fulldomain());
        Set<String> values = new java.util.HashSet<>();
        for (int i = 0; i < MANY_VALUES; i++) {
            String value = E2e.randomTxtValue();
            assertEquals(200, api.update(registration, value).status(), "POST /update of value " + (i + 1));
            values.add(value);
        }
        Dig.Answer truncated = Dig.udpWithoutTcpFallback(gateway.dnsResponderPort(), registration.fulldomain(), "TXT");
        assertTrue(truncated.flags().contains("tc"), truncated.describe("a UDP answer this large must be truncated"));

        assertChallengeTxt("arcade.example.test", registration, values, "with " + MANY_VALUES + " values");
    }

    /** DESIGN: a published value is durable; restart() brings the gateway back on the same ports unbound knows. */
    @Test
    void publishedValuesAreServedAgainAfterARestart() {
        AcmeDnsApi.Registration registration = api.register();
        dns.delegate("depot.example.test", registration.fulldomain());
        String value = E2e.randomTxtValue();
        assertEquals(200, api.update(registration, value).status(), "POST /update");
        int dnsPort = gateway.dnsResponderPort();

        gateway.stop();
        gateway.restart();

        assertEquals(dnsPort, gateway.dnsResponderPort(), "the DNS responder must come back on the same port");
        assertChallengeTxt("depot.example.test", registration, Set.of(value), "after a restart");
    }

    @Test
    void delegationCheckSeesTheCnameOnlyOnceTheOwnerCreatedIt() {
        ToolRun added = gateway.cli("delegation", "add", "shop2.example.test").assertSucceeded();
        Matcher record = RECORD_LINE.matcher(added.output());
        assertTrue(record.find(), added.describe("printed no 'record: _acme-challenge.DOMAIN. CNAME TARGET.' line"));
        assertEquals("shop2.example.test", record.group(1), added.describe("the record's owner"));
        String target = record.group(2);
        assertTrue(target.endsWith("." + ZONE), added.describe("the CNAME target must be in " + ZONE));

        ToolRun before = check("shop2.example.test");
        assertEquals(1, before.exitCode(), before.describe("before the CNAME exists, check must exit 1"));
        assertTrue(before.output().contains("not delegated: "), before.describe("before the CNAME exists"));

        dns.delegate("shop2.example.test", target);
        ToolRun after = check("shop2.example.test");
        assertEquals(0, after.exitCode(), after.describe("with the CNAME in place, check must exit 0") + dns.logs());
        assertTrue(after.output().contains("ok: "), after.describe("with the CNAME in place"));
    }

    @Test
    void delegationCheckRejectsACnameToAnotherLabel() {
        gateway.cli("delegation", "add", "shop3.example.test").assertSucceeded();
        dns.delegate("shop3.example.test", "someone-else." + ZONE);

        ToolRun wrong = check("shop3.example.test");

        assertEquals(1, wrong.exitCode(), wrong.describe("a CNAME to another label must not count as delegated"));
        assertTrue(wrong.output().contains("not delegated: ") && wrong.output().contains("someone-else." + ZONE),
                wrong.describe("the message should name the wrong target"));
    }

    private static ToolRun check(String domain) {
        return gateway.cli("delegation", "check", domain, "--resolver", dns.resolver().address());
    }

    /** Resolves the challenge name through unbound and asserts the CNAME and exactly these TXT values. */
    private static void assertChallengeTxt(String domain, AcmeDnsApi.Registration registration, Set<String> expected,
                                           String when) {
        Dig.Answer answer = dns.challengeTxt(domain);
        String context = when + "\n" + dns.logs();
        assertEquals("NOERROR", answer.status(), answer.describe(context));
        assertEquals(List.of(registration.fulldomain() + "."), answer.cnames(), answer.describe(context));
        assertEquals(expected, Set.copyOf(answer.txt()), answer.describe(context));
        assertEquals(expected.size(), answer.txt().size(), answer.describe("no value twice, " + context));
    }
}
