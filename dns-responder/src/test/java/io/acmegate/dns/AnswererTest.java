package io.acmegate.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class AnswererTest {

    private final MapTxtRecordSource source = new MapTxtRecordSource();
    private final Answerer answerer = new Answerer(new Zones(List.of(TestZone.zone())), source, 60, 1232);

    @Test
    void txtWithOneValueIsAnsweredAuthoritatively() throws Exception {
        source.publish("abc.acme.gw.example.net", "v1");
        Message query = query("abc.acme.gw.example.net.", Type.TXT);
        query.getHeader().setFlag(Flags.RD);

        Message reply = answer(query);

        assertEquals(Rcode.NOERROR, reply.getRcode());
        assertEquals(query.getHeader().getID(), reply.getHeader().getID());
        assertTrue(reply.getHeader().getFlag(Flags.QR));
        assertTrue(reply.getHeader().getFlag(Flags.AA));
        assertTrue(reply.getHeader().getFlag(Flags.RD), "RD is copied");
        assertFalse(reply.getHeader().getFlag(Flags.RA), "never recursive");
        List<Record> answer = reply.getSection(Section.ANSWER);
        assertEquals(1, answer.size());
        assertEquals(List.of("v1"), ((TXTRecord) answer.get(0)).getStrings());
        assertEquals(60, answer.get(0).getTTL());
        assertNull(reply.getOPT(), "no OPT without one in the query");
    }

    @Test
    void txtWithSeveralValuesReturnsThemAll() throws Exception {
        source.publish("abc.acme.gw.example.net", "base-value", "wildcard-value");

        Message reply = answer(query("abc.acme.gw.example.net.", Type.TXT));

        assertEquals(Set.of("base-value", "wildcard-value"), txtValues(reply));
    }

    @Test
    void mixedCaseQuestionIsEchoedExactly() throws Exception {
        source.publish("abc.acme.gw.example.net", "v1");

        Message reply = answer(query("aBc.AcMe.gW.eXaMpLe.NeT.", Type.TXT));

        assertEquals("aBc.AcMe.gW.eXaMpLe.NeT.", reply.getQuestion().getName().toString());
        assertEquals("aBc.AcMe.gW.eXaMpLe.NeT.", reply.getSection(Section.ANSWER).get(0).getName().toString());
        assertEquals(Set.of("v1"), txtValues(reply));
    }

    @Test
    void apexAnswersSoa() throws Exception {
        Message reply = answer(query("acme.gw.example.net.", Type.SOA));

        SOARecord soa = (SOARecord) reply.getSection(Section.ANSWER).get(0);
        assertEquals(Name.fromString("ns1.acme.gw.example.net."), soa.getHost());
        assertEquals(Name.fromString("hostmaster.example.net."), soa.getAdmin());
        assertEquals(3600, soa.getRefresh());
        assertEquals(600, soa.getRetry());
        assertEquals(86400, soa.getExpire());
        assertEquals(60, soa.getMinimum());
        assertTrue(reply.getHeader().getFlag(Flags.AA));
    }

    @Test
    void apexAnswersNsWithGlueForTheInZoneServer() throws Exception {
        Message reply = answer(query("acme.gw.example.net.", Type.NS));

        Set<String> targets = reply.getSection(Section.ANSWER).stream()
                .map(r -> ((NSRecord) r).getTarget().toString()).collect(Collectors.toSet());
        assertEquals(Set.of(TestZone.NS1 + ".", TestZone.NS2 + "."), targets);
        List<Record> additional = reply.getSection(Section.ADDITIONAL);
        assertEquals(2, additional.size());
        assertTrue(additional.stream().allMatch(r -> r.getName().toString().equals(TestZone.NS1 + ".")));
        assertEquals(Set.of(InetAddress.getByName(TestZone.NS1_V4), InetAddress.getByName(TestZone.NS1_V6)),
                additional.stream().map(r -> r instanceof ARecord a ? a.getAddress() : ((AAAARecord) r).getAddress())
                        .collect(Collectors.toSet()));
    }

    @Test
    void inZoneNameServerAddressIsAnswered() throws Exception {
        Message reply = answer(query("ns1.acme.gw.example.net.", Type.A));

        assertEquals(Rcode.NOERROR, reply.getRcode());
        assertEquals(InetAddress.getByName(TestZone.NS1_V4),
                ((ARecord) reply.getSection(Section.ANSWER).get(0)).getAddress());
    }

    @Test
    void txtAtTheApexIsNodata() throws Exception {
        source.publish(TestZone.APEX, "must-not-be-served");

        Message reply = answer(query("acme.gw.example.net.", Type.TXT));

        assertNodata(reply);
    }

    @Test
    void otherTypeAtAPublishedNameIsNodataWithSoa() throws Exception {
        source.publish("abc.acme.gw.example.net", "v1");

        Message reply = answer(query("abc.acme.gw.example.net.", Type.A));

        assertNodata(reply);
    }

    @Test
    void emptyNonTerminalIsNodataNotNxdomain() throws Exception {
        source.publish("_acme-challenge.sub.acme.gw.example.net", "v1");

        assertNodata(answer(query("sub.acme.gw.example.net.", Type.TXT)));
    }

    @Test
    void unknownNameIsNxdomainWithSoa() throws Exception {
        Message reply = answer(query("nothing.acme.gw.example.net.", Type.TXT));

        assertEquals(Rcode.NXDOMAIN, reply.getRcode());
        assertTrue(reply.getHeader().getFlag(Flags.AA));
        assertTrue(reply.getSection(Section.ANSWER).isEmpty());
        assertNegativeSoa(reply);
    }

    @Test
    void nameOutsideEveryZoneIsRefused() throws Exception {
        Message reply = answer(query("www.example.com.", Type.A));

        assertEquals(Rcode.REFUSED, reply.getRcode());
        assertFalse(reply.getHeader().getFlag(Flags.AA));
        assertTrue(reply.getSection(Section.ANSWER).isEmpty());
        assertEquals("www.example.com.", reply.getQuestion().getName().toString());
    }

    @Test
    void suffixWithoutLabelBoundaryIsOutside() throws Exception {
        assertEquals(Rcode.REFUSED, answer(query("xacme.gw.example.net.", Type.TXT)).getRcode());
    }

    @Test
    void chaosClassIsRefused() throws Exception {
        Message query = Message.newQuery(Record.newRecord(Name.fromString("version.bind."), Type.TXT, DClass.CH));

        assertEquals(Rcode.REFUSED, answer(query).getRcode());
    }

    @Test
    void zoneTransferIsRefused() throws Exception {
        assertEquals(Rcode.REFUSED, answer(query("acme.gw.example.net.", Type.AXFR)).getRcode());
    }

    @Test
    void anyAtAPublishedNameReturnsTheTxtSet() throws Exception {
        source.publish("abc.acme.gw.example.net", "v1", "v2");

        assertEquals(Set.of("v1", "v2"), txtValues(answer(query("abc.acme.gw.example.net.", Type.ANY))));
    }

    @Test
    void nonQueryOpcodeIsNotImplemented() throws Exception {
        Message query = query("abc.acme.gw.example.net.", Type.TXT);
        query.getHeader().setOpcode(Opcode.STATUS);

        Message reply = answer(query);

        assertEquals(Rcode.NOTIMP, reply.getRcode());
        assertEquals(Opcode.STATUS, reply.getHeader().getOpcode());
    }

    @Test
    void twoQuestionsAreAFormatError() throws Exception {
        Message query = query("abc.acme.gw.example.net.", Type.TXT);
        query.addRecord(Record.newRecord(Name.fromString("def.acme.gw.example.net."), Type.TXT, DClass.IN),
                Section.QUESTION);

        assertEquals(Rcode.FORMERR, answer(query).getRcode());
    }

    @Test
    void noQuestionIsAFormatError() {
        assertEquals(Rcode.FORMERR, answer(new Message()).getRcode());
    }

    @Test
    void aResponseIsNeverAnswered() throws Exception {
        Message query = query("abc.acme.gw.example.net.", Type.TXT);
        query.getHeader().setFlag(Flags.QR);

        assertTrue(answerer.answer(query).isEmpty());
    }

    @Test
    void ednsQueryGetsOurOptWithDoCopied() throws Exception {
        source.publish("abc.acme.gw.example.net", "v1");
        Message query = query("abc.acme.gw.example.net.", Type.TXT);
        query.addRecord(new OPTRecord(4096, 0, 0, ExtendedFlags.DO), Section.ADDITIONAL);

        OPTRecord opt = answer(query).getOPT();

        assertNotNull(opt);
        assertEquals(1232, opt.getPayloadSize());
        assertEquals(0, opt.getVersion());
        assertEquals(ExtendedFlags.DO, opt.getFlags() & ExtendedFlags.DO);
    }

    @Test
    void unknownEdnsVersionIsBadvers() throws Exception {
        Message query = query("abc.acme.gw.example.net.", Type.TXT);
        query.addRecord(new OPTRecord(4096, 0, 1, 0), Section.ADDITIONAL);

        Message reply = Message.class.cast(new Message(answer(query).toWire()));

        assertEquals(Rcode.BADVERS, reply.getRcode());
        assertEquals(0, reply.getOPT().getVersion());
        assertTrue(reply.getSection(Section.ANSWER).isEmpty());
    }

    @Test
    void twoOptRecordsAreAFormatError() throws Exception {
        Message query = query("abc.acme.gw.example.net.", Type.TXT);
        query.addRecord(new OPTRecord(4096, 0, 0, 0), Section.ADDITIONAL);
        query.addRecord(new OPTRecord(1232, 0, 0, 0), Section.ADDITIONAL);

        assertEquals(Rcode.FORMERR, answer(query).getRcode());
    }

    @Test
    void valueLongerThan255IsSplitIntoStringsOfOneRecord() throws Exception {
        String value = "a".repeat(300) + "\\\"é";
        source.publish("abc.acme.gw.example.net", value);

        Message reply = new Message(answer(query("abc.acme.gw.example.net.", Type.TXT)).toWire());

        TXTRecord txt = (TXTRecord) reply.getSection(Section.ANSWER).get(0);
        List<byte[]> strings = txt.getStringsAsByteArrays();
        assertEquals(2, strings.size());
        assertEquals(255, strings.get(0).length);
        String joined = strings.stream().map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8))
                .collect(Collectors.joining());
        assertEquals(value, joined);
    }

    @Test
    void mostSpecificZoneWins() throws Exception {
        DnsZone child = DnsZone.of("sub.acme.gw.example.net", List.of(DnsZone.NameServer.named("ns.example.org")),
                "hostmaster.example.org");
        var twoZones = new Answerer(new Zones(List.of(TestZone.zone(), child)), source, 60, 1232);

        Message reply = twoZones.answer(query("nothing.sub.acme.gw.example.net.", Type.TXT)).orElseThrow();

        assertEquals(Rcode.NXDOMAIN, reply.getRcode());
        assertEquals("sub.acme.gw.example.net.", reply.getSection(Section.AUTHORITY).get(0).getName().toString());
    }

    private Message answer(Message query) {
        return answerer.answer(query).orElseThrow();
    }

    private static Message query(String name, int type) throws Exception {
        return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    }

    private static Set<String> txtValues(Message reply) {
        return reply.getSection(Section.ANSWER).stream()
                .map(r -> String.join("", ((TXTRecord) r).getStrings())).collect(Collectors.toSet());
    }

    private static void assertNodata(Message reply) {
        assertEquals(Rcode.NOERROR, reply.getRcode());
        assertTrue(reply.getHeader().getFlag(Flags.AA));
        assertTrue(reply.getSection(Section.ANSWER).isEmpty());
        assertNegativeSoa(reply);
    }

    /** RFC 2308: the zone's SOA in authority, TTL = min(SOA TTL 3600, minimum 60). */
    private static void assertNegativeSoa(Message reply) {
        List<Record> authority = reply.getSection(Section.AUTHORITY);
        assertEquals(1, authority.size());
        assertEquals(Type.SOA, authority.get(0).getType());
        assertEquals("acme.gw.example.net.", authority.get(0).getName().toString());
        assertEquals(60, authority.get(0).getTTL());
    }
}
