package io.acmegate.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The responder as the real {@code dig} sees it, over UDP and TCP. */
class DnsResponderDigTest {

    private static final MapTxtRecordSource SOURCE = new MapTxtRecordSource()
            .publish("one.acme.gw.example.net", "single-value")
            .publish("two.acme.gw.example.net", "base-value", "wildcard-value")
            .publish("big.acme.gw.example.net", IntStream.range(0, 40).mapToObj(TestZone::longValue)
                    .toArray(String[]::new));
    private static DnsResponder responder;
    private static int port;

    @BeforeAll
    static void start() {
        responder = DnsResponder.start(TestZone.config(), SOURCE);
        port = responder.address().getPort();
    }

    @AfterAll
    static void stop() {
        responder.close();
    }

    @Test
    void txtWithOneValue() {
        Dig.Reply reply = Dig.query(port, "one.acme.gw.example.net", "TXT");

        assertEquals("NOERROR", reply.status());
        assertTrue(reply.flags().contains("aa"), reply.raw());
        assertFalse(reply.flags().contains("ra"), "not recursive");
        assertEquals(List.of("single-value"), reply.txtValues());
        assertTrue(reply.answer().get(0).split("\\s+")[1].equals("60"), "TTL 60: " + reply.answer());
    }

    @Test
    void txtWithSeveralValues() {
        Dig.Reply reply = Dig.query(port, "two.acme.gw.example.net", "TXT");

        assertEquals(Set.of("base-value", "wildcard-value"), Set.copyOf(reply.txtValues()));
    }

    @Test
    void mixedCaseQuestionIsEchoed() {
        Dig.Reply reply = Dig.query(port, "OnE.AcMe.gW.ExAmPlE.NeT", "TXT");

        assertEquals("NOERROR", reply.status());
        assertTrue(reply.question().get(0).startsWith("OnE.AcMe.gW.ExAmPlE.NeT."), reply.raw());
        assertEquals(List.of("single-value"), reply.txtValues());
    }

    @Test
    void soaAtTheApex() {
        Dig.Reply reply = Dig.query(port, "acme.gw.example.net", "SOA");

        assertEquals("NOERROR", reply.status());
        assertTrue(reply.flags().contains("aa"));
        assertEquals(1, reply.answer().size());
        assertTrue(reply.answer().get(0).matches(
                "acme\\.gw\\.example\\.net\\.\\s+3600\\s+IN\\s+SOA\\s+ns1\\.acme\\.gw\\.example\\.net\\. "
                        + "hostmaster\\.example\\.net\\. 1 3600 600 86400 60"), reply.answer().get(0));
    }

    @Test
    void nsAtTheApexWithGlue() {
        Dig.Reply reply = Dig.query(port, "acme.gw.example.net", "NS");

        assertEquals("NOERROR", reply.status());
        assertEquals(2, reply.answer().size());
        assertTrue(reply.answer().stream().anyMatch(l -> l.endsWith("NS\tns1.acme.gw.example.net.")), reply.raw());
        assertTrue(reply.answer().stream().anyMatch(l -> l.endsWith("NS\tns2.other.example.org.")), reply.raw());
        assertTrue(reply.additional().stream().anyMatch(l -> l.matches("ns1\\.acme\\.gw\\.example\\.net\\.\\s+3600\\s+IN\\s+A\\s+192\\.0\\.2\\.53")),
                reply.raw());
        assertTrue(reply.additional().stream().anyMatch(l -> l.matches("ns1\\.acme\\.gw\\.example\\.net\\.\\s+3600\\s+IN\\s+AAAA\\s+2001:db8::53")),
                reply.raw());
    }

    @Test
    void nodataCarriesTheSoaInAuthority() {
        Dig.Reply reply = Dig.query(port, "one.acme.gw.example.net", "A");

        assertEquals("NOERROR", reply.status());
        assertTrue(reply.flags().contains("aa"));
        assertTrue(reply.answer().isEmpty());
        assertNegativeSoa(reply);
    }

    @Test
    void txtAtTheApexIsNodata() {
        Dig.Reply reply = Dig.query(port, "acme.gw.example.net", "TXT");

        assertEquals("NOERROR", reply.status());
        assertTrue(reply.answer().isEmpty());
        assertNegativeSoa(reply);
    }

    @Test
    void nxdomainCarriesTheSoaInAuthority() {
        Dig.Reply reply = Dig.query(port, "missing.acme.gw.example.net", "TXT");

        assertEquals("NXDOMAIN", reply.status());
        assertTrue(reply.flags().contains("aa"));
        assertNegativeSoa(reply);
    }

    @Test
    void namesOutsideOurZonesAreRefused() {
        Dig.Reply reply = Dig.query(port, "www.example.com", "A");

        assertEquals("REFUSED", reply.status());
        assertFalse(reply.flags().contains("aa"));
    }

    @Test
    void chaosClassIsRefused() {
        assertEquals("REFUSED", Dig.query(port, "-c", "CH", "version.bind", "TXT").status());
    }

    @Test
    void largeAnswerWithoutEdnsIsTruncatedOverUdp() {
        Dig.Reply reply = Dig.query(port, "+noedns", "+ignore", "big.acme.gw.example.net", "TXT");

        assertTrue(reply.flags().contains("tc"), reply.raw());
        assertTrue(reply.answer().isEmpty());
        assertFalse(reply.usedTcp());
    }

    @Test
    void largeAnswerComesWholeAfterDigRetriesOverTcp() {
        Dig.Reply reply = Dig.query(port, "+noedns", "big.acme.gw.example.net", "TXT");

        assertTrue(reply.raw().contains("Truncated, retrying in TCP mode"), reply.raw());
        assertTrue(reply.usedTcp());
        assertFalse(reply.flags().contains("tc"));
        assertEquals(Set.copyOf(IntStream.range(0, 40).mapToObj(TestZone::longValue).toList()),
                Set.copyOf(reply.txtValues()));
    }

    @Test
    void ednsBufsizeIsCappedAtOurMaximum() {
        Dig.Reply reply = Dig.query(port, "+bufsize=4096", "+ignore", "big.acme.gw.example.net", "TXT");

        assertEquals(1232, reply.ednsUdp());
        assertTrue(reply.flags().contains("tc"), "40 values do not fit 1232 bytes: " + reply.raw());
        Dig.Reply small = Dig.query(port, "+bufsize=4096", "two.acme.gw.example.net", "TXT");
        assertEquals(1232, small.ednsUdp());
        assertEquals(2, small.txtValues().size());
    }

    @Test
    void unknownEdnsVersionIsBadvers() {
        Dig.Reply reply = Dig.query(port, "+edns=1", "+noednsnegotiation", "one.acme.gw.example.net", "TXT");

        assertEquals("BADVERS", reply.status());
        assertEquals(0, reply.answer().size());
    }

    @Test
    void statusOpcodeIsNotImplemented() {
        Dig.Reply reply = Dig.query(port, "+opcode=status", "one.acme.gw.example.net", "TXT");

        assertEquals("STATUS", reply.opcode());
        assertEquals("NOTIMP", reply.status());
    }

    @Test
    void tcpQueriesAreAnswered() {
        Dig.Reply reply = Dig.query(port, "+tcp", "two.acme.gw.example.net", "TXT");

        assertTrue(reply.usedTcp());
        assertEquals(Set.of("base-value", "wildcard-value"), Set.copyOf(reply.txtValues()));
    }

    private static void assertNegativeSoa(Dig.Reply reply) {
        assertEquals(1, reply.authority().size(), reply.raw());
        assertTrue(reply.authority().get(0).matches("acme\\.gw\\.example\\.net\\.\\s+60\\s+IN\\s+SOA\\s+.*"),
                "SOA with TTL min(3600, 60): " + reply.authority());
    }
}
