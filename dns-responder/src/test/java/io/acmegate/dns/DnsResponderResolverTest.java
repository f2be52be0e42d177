package io.acmegate.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** The responder on a real loopback port, queried by dnsjava's stub resolver over UDP and TCP. */
class DnsResponderResolverTest {

    private final MapTxtRecordSource source = new MapTxtRecordSource();
    private DnsResponder responder;

    @BeforeEach
    void start() {
        responder = DnsResponder.start(TestZone.config(), source);
    }

    @AfterEach
    void stop() {
        responder.close();
    }

    @Test
    void udpAndTcpShareOnePickedPort() throws Exception {
        source.publish("abc.acme.gw.example.net", "v1");
        assertTrue(responder.address().getPort() > 0);

        assertEquals(Set.of("v1"), txtValues(send(resolver(false, true), txtQuery("abc.acme.gw.example.net."))));
        assertEquals(Set.of("v1"), txtValues(send(resolver(true, true), txtQuery("abc.acme.gw.example.net."))));
    }

    @Test
    void publishedValueIsVisibleToTheNextQuery() throws Exception {
        SimpleResolver udp = resolver(false, true);
        assertEquals(Rcode.NXDOMAIN, send(udp, txtQuery("fresh.acme.gw.example.net.")).getRcode());

        source.publish("fresh.acme.gw.example.net", "just-published");

        Message reply = send(udp, txtQuery("fresh.acme.gw.example.net."));
        assertEquals(Rcode.NOERROR, reply.getRcode());
        assertEquals(Set.of("just-published"), txtValues(reply));

        source.clear("fresh.acme.gw.example.net");
        assertEquals(Rcode.NXDOMAIN, send(udp, txtQuery("fresh.acme.gw.example.net.")).getRcode());
    }

    @Test
    void severalValuesWithAndWithoutEdns() throws Exception {
        source.publish("multi.acme.gw.example.net", "one", "two", "three");

        for (boolean edns : List.of(true, false)) {
            Message reply = send(resolver(false, edns), txtQuery("multi.acme.gw.example.net."));
            assertEquals(Set.of("one", "two", "three"), txtValues(reply), "edns=" + edns);
            assertEquals(edns, reply.getOPT() != null, "OPT only when asked with one");
            assertTrue(reply.getHeader().getFlag(Flags.AA));
        }
    }

    @Test
    void mixedCaseQuestionIsEchoedOverTheWire() throws Exception {
        source.publish("abc.acme.gw.example.net", "v1");

        Message reply = send(resolver(false, true), txtQuery("AbC.aCmE.Gw.ExAmPlE.nEt."));

        assertEquals("AbC.aCmE.Gw.ExAmPlE.nEt.", reply.getQuestion().getName().toString());
    }

    @Test
    void largeAnswerIsTruncatedOverUdpWithoutEdnsAndCompleteOverTcp() throws Exception {
        String[] values = IntStream.range(0, 40).mapToObj(TestZone::longValue).toArray(String[]::new);
        source.publish("big.acme.gw.example.net", values);
        SimpleResolver udp = resolver(false, false);
        udp.setIgnoreTruncation(true);

        Message truncated = send(udp, txtQuery("big.acme.gw.example.net."));
        assertTrue(truncated.getHeader().getFlag(Flags.TC));
        assertTrue(truncated.getSection(Section.ANSWER).isEmpty());
        assertTrue(truncated.numBytes() <= 512, "UDP reply without EDNS fits 512 bytes: " + truncated.numBytes());

        Message full = send(resolver(true, false), txtQuery("big.acme.gw.example.net."));
        assertFalse(full.getHeader().getFlag(Flags.TC));
        assertEquals(Set.of(values), txtValues(full));
    }

    @Test
    void ednsRaisesTheUdpLimitUpToOurMaximumOnly() throws Exception {
        // Five values of 200 bytes: about 1.1 kB, more than 512, less than 1232.
        source.publish("mid.acme.gw.example.net", IntStream.range(0, 5).mapToObj(TestZone::longValue)
                .toArray(String[]::new));
        source.publish("big.acme.gw.example.net", IntStream.range(0, 40).mapToObj(TestZone::longValue)
                .toArray(String[]::new));
        SimpleResolver edns4096 = resolver(false, true);
        edns4096.setEDNS(0, 4096, 0, List.of());
        edns4096.setIgnoreTruncation(true);

        Message mid = send(edns4096, txtQuery("mid.acme.gw.example.net."));
        assertFalse(mid.getHeader().getFlag(Flags.TC));
        assertEquals(5, mid.getSection(Section.ANSWER).size());
        assertEquals(1232, mid.getOPT().getPayloadSize());

        Message big = send(edns4096, txtQuery("big.acme.gw.example.net."));
        assertTrue(big.getHeader().getFlag(Flags.TC), "4096 asked, but we never send more than 1232");
        assertTrue(big.numBytes() <= 1232);
        assertNotNull(big.getOPT(), "a truncated EDNS reply keeps its OPT (RFC 6891 §7)");
    }

    @Test
    void nonQueryOpcodeIsNotImplemented() throws Exception {
        Message status = txtQuery("abc.acme.gw.example.net.");
        status.getHeader().setOpcode(Opcode.STATUS);

        Message reply = send(resolver(false, false), status);

        assertEquals(Rcode.NOTIMP, reply.getRcode());
    }

    @Test
    void negativeAnswersCarryTheSoaOverTcpToo() throws Exception {
        source.publish("abc.acme.gw.example.net", "v1");
        SimpleResolver tcp = resolver(true, true);

        Message nodata = send(tcp, query("abc.acme.gw.example.net.", Type.AAAA));
        assertEquals(Rcode.NOERROR, nodata.getRcode());
        assertTrue(nodata.getSection(Section.ANSWER).isEmpty());
        assertEquals(Type.SOA, nodata.getSection(Section.AUTHORITY).get(0).getType());

        Message nxdomain = send(tcp, txtQuery("nope.acme.gw.example.net."));
        assertEquals(Rcode.NXDOMAIN, nxdomain.getRcode());
        assertEquals(Type.SOA, nxdomain.getSection(Section.AUTHORITY).get(0).getType());
    }

    @Test
    void outsideNamesAreRefused() throws Exception {
        Message reply = send(resolver(false, true), query("example.com.", Type.A));

        assertEquals(Rcode.REFUSED, reply.getRcode());
        assertFalse(reply.getHeader().getFlag(Flags.AA));
    }

    private SimpleResolver resolver(boolean tcp, boolean edns) {
        var resolver = new SimpleResolver(responder.address());
        resolver.setTCP(tcp);
        resolver.setTimeout(Duration.ofSeconds(2));
        if (edns) {
            resolver.setEDNS(0);
        } else {
            resolver.setEDNS(-1);
        }
        return resolver;
    }

    private static Message send(SimpleResolver resolver, Message query) throws Exception {
        return resolver.send(query);
    }

    static Message txtQuery(String name) throws Exception {
        return query(name, Type.TXT);
    }

    static Message query(String name, int type) throws Exception {
        return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    }

    private static Set<String> txtValues(Message reply) {
        return reply.getSection(Section.ANSWER).stream()
                .map(r -> String.join("", ((TXTRecord) r).getStrings())).collect(Collectors.toSet());
    }
}
