package io.acmegate.dns;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/**
 * Bytes in, bytes out, for one transport: parses a query, asks the {@link Answerer}, applies the transport's
 * size limit and (over UDP) response rate limiting. Never throws: every failure is counted and becomes FORMERR,
 * SERVFAIL or no reply. A null return means "send nothing". Thread-safe.
 */
final class WireResponder {

    private static final Logger LOG = LoggerFactory.getLogger(WireResponder.class);

    /** The TCP length prefix is 16 bits (RFC 1035 §4.2.2). */
    static final int TCP_MAX_MESSAGE = 65_535;

    private final Answerer answerer;
    private final ResponseRateLimiter rateLimiter;
    private final int maxUdpPayload;
    private final Counters counters;

    /** @param rateLimiter null to send every UDP reply */
    WireResponder(Answerer answerer, ResponseRateLimiter rateLimiter, int maxUdpPayload, Counters counters) {
        this.answerer = answerer;
        this.rateLimiter = rateLimiter;
        this.maxUdpPayload = maxUdpPayload;
        this.counters = counters;
    }

    byte[] udp(ByteBuffer datagram, InetAddress source) {
        counters.udpQueries.increment();
        try {
            Parsed parsed = parse(datagram);
            Message reply = parsed.reply();
            if (reply == null) {
                return null;
            }
            if (rateLimiter != null) {
                switch (rateLimiter.check(source)) {
                    case DROP -> {
                        counters.rateLimited.increment();
                        return null;
                    }
                    case SLIP -> {
                        counters.slipped.increment();
                        reply = emptyTruncated(reply);
                    }
                    case SEND -> { }
                }
            }
            return reply.toWire(udpLimit(parsed.query()));
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    byte[] tcp(ByteBuffer message) {
        counters.tcpQueries.increment();
        try {
            Message reply = parse(message).reply();
            return reply == null ? null : reply.toWire(TCP_MAX_MESSAGE);
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    /**
     * RFC 6891 §6.2.3 and §6.2.5: a client without EDNS takes 512 bytes; with EDNS, what it advertises (never
     * below 512) but no more than we allow, so that a spoofed query cannot draw a large reply.
     */
    int udpLimit(Message query) {
        OPTRecord opt = query == null ? null : query.getOPT();
        if (opt == null) {
            return DnsResponderConfig.CLASSIC_UDP_PAYLOAD;
        }
        return Math.max(DnsResponderConfig.CLASSIC_UDP_PAYLOAD, Math.min(opt.getPayloadSize(), maxUdpPayload));
    }

    /** The query (null if unparsable) and the reply to send (null for none). */
    private record Parsed(Message query, Message reply) {
    }

    private Parsed parse(ByteBuffer wire) {
        if (wire.remaining() < Header.LENGTH) {
            counters.malformed.increment();
            counters.unanswered.increment(); // not even an ID to answer to
            return new Parsed(null, null);
        }
        Message query;
        try {
            query = new Message(wire.duplicate());
        } catch (Exception e) {
            counters.malformed.increment();
            return new Parsed(null, formErr(wire));
        }
        try {
            Optional<Message> reply = answerer.answer(query);
            if (reply.isEmpty()) {
                counters.unanswered.increment();
            }
            return new Parsed(query, reply.orElse(null));
        } catch (RuntimeException e) {
            counters.errors.increment();
            LOG.warn("answering {} failed; replying SERVFAIL", query.getQuestion(), e);
            return new Parsed(query, servFail(query));
        }
    }

    /** FORMERR for a message whose header reads but whose body does not: same ID and opcode, no question. */
    private Message formErr(ByteBuffer wire) {
        Header header;
        try {
            byte[] bytes = new byte[Header.LENGTH];
            wire.duplicate().get(bytes);
            header = new Header(bytes);
        } catch (Exception e) {
            counters.unanswered.increment();
            return null;
        }
        if (header.getFlag(Flags.QR)) {
            counters.unanswered.increment(); // a malformed response: never answered
            return null;
        }
        Message reply = new Message(header.getID());
        reply.getHeader().setFlag(Flags.QR);
        reply.getHeader().setOpcode(header.getOpcode());
        if (header.getFlag(Flags.RD)) {
            reply.getHeader().setFlag(Flags.RD);
        }
        reply.getHeader().setRcode(Rcode.FORMERR);
        return reply;
    }

    private static Message servFail(Message query) {
        Message reply = new Message(query.getHeader().getID());
        reply.getHeader().setFlag(Flags.QR);
        reply.getHeader().setOpcode(query.getHeader().getOpcode());
        if (query.getHeader().getFlag(Flags.RD)) {
            reply.getHeader().setFlag(Flags.RD);
        }
        if (query.getHeader().getCount(Section.QUESTION) == 1) {
            reply.addRecord(query.getQuestion(), Section.QUESTION);
        }
        reply.getHeader().setRcode(Rcode.SERVFAIL);
        return reply;
    }

    /** The RRL "slip": header, question and OPT only, TC set, so a real client retries over TCP. */
    private static Message emptyTruncated(Message reply) {
        Message slip = reply.clone();
        OPTRecord opt = slip.getOPT();
        slip.removeAllRecords(Section.ANSWER);
        slip.removeAllRecords(Section.AUTHORITY);
        slip.removeAllRecords(Section.ADDITIONAL);
        if (opt != null) {
            slip.addRecord(opt, Section.ADDITIONAL);
        }
        slip.getHeader().setFlag(Flags.TC);
        return slip;
    }

    private byte[] failed(RuntimeException e) {
        counters.errors.increment();
        LOG.warn("handling a DNS message failed; no reply sent", e);
        return null;
    }
}
