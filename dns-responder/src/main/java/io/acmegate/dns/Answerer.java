package io.acmegate.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The answering rules: a pure function from a parsed query to the reply, with no transport and no size limit
 * (the caller truncates to what the transport allows). Thread-safe; the only thing it calls out to is the
 * {@link TxtRecordSource}.
 *
 * <p>What it answers, in order: a response (QR set) gets no reply; an EDNS version other than 0 gets BADVERS;
 * an opcode other than QUERY gets NOTIMP; anything but exactly one question gets FORMERR; a class other than IN
 * gets REFUSED (we hold no data in CHAOS or any other class, the same answer as for a name outside our zones);
 * a name outside every zone gets REFUSED, never a referral or recursion; AXFR/IXFR get REFUSED (the zone is not
 * for listing). Inside a zone the reply is authoritative (AA): the records at the name, else NODATA or NXDOMAIN
 * with the zone's SOA in the authority section (RFC 2308 §2). ANY returns every RRset at the name: the nodes of
 * a challenge zone are small (at most a TXT set, or SOA+NS at the apex), so this is not the amplification
 * RFC 8482 guards against, and UDP replies are still capped by the EDNS size rule.
 */
final class Answerer {

    private final Zones zones;
    private final TxtRecordSource source;
    private final long txtTtl;
    private final int advertisedUdpPayload;

    Answerer(Zones zones, TxtRecordSource source, long txtTtl, int advertisedUdpPayload) {
        this.zones = zones;
        this.source = source;
        this.txtTtl = txtTtl;
        this.advertisedUdpPayload = advertisedUdpPayload;
    }

    /**
     * The reply to {@code query}, or empty when none must be sent. Throws only what the record source throws.
     */
    Optional<Message> answer(Message query) {
        Header qh = query.getHeader();
        if (qh.getFlag(Flags.QR)) {
            // A response sent to us: answering it could set up a loop between two servers (RFC 1035 §7.3 drops).
            return Optional.empty();
        }
        Message reply = replyTo(query);
        List<Record> opts = optRecords(query);
        if (opts.size() > 1) {
            return Optional.of(finish(reply, null, Rcode.FORMERR)); // RFC 6891 §6.1.1: at most one OPT
        }
        OPTRecord opt = opts.isEmpty() ? null : (OPTRecord) opts.get(0);
        boolean oneQuestion = qh.getCount(Section.QUESTION) == 1;
        if (oneQuestion) {
            reply.addRecord(query.getQuestion(), Section.QUESTION); // as parsed: 0x20 case preserved
        }
        if (opt != null && opt.getVersion() != 0) {
            return Optional.of(finish(reply, opt, Rcode.BADVERS)); // RFC 6891 §6.1.3
        }
        if (qh.getOpcode() != Opcode.QUERY) {
            return Optional.of(finish(reply, opt, Rcode.NOTIMP));
        }
        if (!oneQuestion) {
            return Optional.of(finish(reply, opt, Rcode.FORMERR));
        }
        Record question = query.getQuestion();
        int qtype = question.getType();
        if (qtype == Type.OPT) {
            return Optional.of(finish(reply, opt, Rcode.FORMERR)); // OPT is no question type (RFC 6891 §6.1.1)
        }
        if (question.getDClass() != DClass.IN) {
            return Optional.of(finish(reply, opt, Rcode.REFUSED));
        }
        String name = ServedZone.lowerNoDot(question.getName());
        ServedZone zone = zones.find(name);
        if (zone == null || qtype == Type.AXFR || qtype == Type.IXFR) {
            return Optional.of(finish(reply, opt, Rcode.REFUSED));
        }
        reply.getHeader().setFlag(Flags.AA);
        return Optional.of(finish(reply, opt, answerInZone(reply, zone, name, question.getName(), qtype)));
    }

    /** Fills the sections for a name inside {@code zone}; returns the rcode. */
    private int answerInZone(Message reply, ServedZone zone, String name, Name asAsked, int qtype) {
        boolean any = qtype == Type.ANY;
        boolean apex = name.equals(zone.apex());
        var answers = new ArrayList<Record>();
        if (apex && (qtype == Type.SOA || any)) {
            answers.add(zone.soa().withName(asAsked));
        }
        if (apex && (qtype == Type.NS || any)) {
            zone.nameServers().forEach(ns -> answers.add(ns.withName(asAsked)));
        }
        List<Record> addresses = zone.addressesOf(name);
        for (Record address : addresses) {
            if (address.getType() == qtype || any) {
                answers.add(address.withName(asAsked));
            }
        }
        // The apex holds SOA and NS only: TXT there is NODATA, never a published value.
        List<String> txt = apex ? List.of() : source.txt(name);
        if (qtype == Type.TXT || any) {
            for (String value : txt) {
                answers.add(TxtValues.record(asAsked, txtTtl, value));
            }
        }
        if (!answers.isEmpty()) {
            answers.forEach(r -> reply.addRecord(r, Section.ANSWER));
            if (apex && qtype == Type.NS) {
                zone.glue().forEach(r -> reply.addRecord(r, Section.ADDITIONAL)); // RFC 9471 §3
            }
            return Rcode.NOERROR;
        }
        reply.addRecord(zone.negativeSoa(), Section.AUTHORITY);
        boolean exists = apex || !addresses.isEmpty() || !txt.isEmpty()
                || zone.hasNameServerBelow(name) || source.existsAtOrBelow(name);
        return exists ? Rcode.NOERROR : Rcode.NXDOMAIN; // RFC 2308 §2.2 NODATA, §2.1 NXDOMAIN
    }

    /** A reply header for {@code query}: same ID and opcode, QR set, RD and CD copied, RA never (not recursive). */
    private static Message replyTo(Message query) {
        Header qh = query.getHeader();
        Message reply = new Message(qh.getID());
        Header rh = reply.getHeader();
        rh.setFlag(Flags.QR);
        rh.setOpcode(qh.getOpcode());
        if (qh.getFlag(Flags.RD)) {
            rh.setFlag(Flags.RD);
        }
        if (qh.getFlag(Flags.CD)) {
            rh.setFlag(Flags.CD); // RFC 4035 §3.1.6
        }
        return reply;
    }

    /** Sets the rcode (its upper bits in the OPT, RFC 6891 §6.1.3) and adds our OPT if the query had one. */
    private Message finish(Message reply, OPTRecord queryOpt, int rcode) {
        reply.getHeader().setRcode(rcode & 0xF);
        if (queryOpt != null) {
            int flags = queryOpt.getFlags() & ExtendedFlags.DO; // RFC 3225 §3: DO is copied
            reply.addRecord(new OPTRecord(advertisedUdpPayload, rcode >>> 4, 0, flags), Section.ADDITIONAL);
        }
        return reply;
    }

    private static List<Record> optRecords(Message query) {
        List<Record> additional = query.getSection(Section.ADDITIONAL);
        if (additional.isEmpty()) {
            return List.of();
        }
        return additional.stream().filter(r -> r.getType() == Type.OPT).toList();
    }
}
