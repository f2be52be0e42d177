package io.acmegate.gateway.validation;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A tiny authoritative DNS server over UDP on loopback, answering A, AAAA, TXT and CNAME from a map (the
 * dns-responder module serves challenge TXT records and its zone's own addresses only, not arbitrary names and
 * CNAMEs). A CNAME is answered alone, so that the client must follow it. Names absent from the map and without
 * names below them are NXDOMAIN; others without the type asked are NODATA.
 */
public final class TestDnsServer implements AutoCloseable {
    private static final long TTL = 60;

    private final DatagramSocket socket;
    private final Map<Name, List<Record>> records = new ConcurrentHashMap<>();
    private final List<String> questions = new CopyOnWriteArrayList<>();

    public TestDnsServer() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofPlatform().daemon().name("test-dns").start(this::serve);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** "name TYPE" of every question received, in order. */
    List<String> questions() {
        return questions;
    }

    public TestDnsServer a(String name, String ip) throws IOException {
        return add(new ARecord(name(name), DClass.IN, TTL, InetAddress.getByName(ip)));
    }

    TestDnsServer aaaa(String name, String ip) throws IOException {
        return add(new AAAARecord(name(name), DClass.IN, TTL, InetAddress.getByName(ip)));
    }

    public TestDnsServer txt(String name, String value) throws IOException {
        return add(new TXTRecord(name(name), DClass.IN, TTL, value));
    }

    public TestDnsServer cname(String name, String target) throws IOException {
        return add(new CNAMERecord(name(name), DClass.IN, TTL, name(target)));
    }

    private TestDnsServer add(Record record) {
        records.computeIfAbsent(record.getName(), n -> new CopyOnWriteArrayList<>()).add(record);
        return this;
    }

    private static Name name(String text) throws TextParseException {
        return Name.fromString(text, Name.root);
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                byte[] reply = answer(query).toWire(4096);
                socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
            } catch (IOException e) {
                // closed, or a packet that does not parse: nothing to answer
            }
        }
    }

    private Message answer(Message query) throws TextParseException {
        Message reply = new Message(query.getHeader().getID());
        reply.getHeader().setFlag(Flags.QR);
        reply.getHeader().setFlag(Flags.AA);
        Record question = query.getQuestion();
        reply.addRecord(question, Section.QUESTION);
        Name name = question.getName();
        int type = question.getType();
        questions.add(name.toString(true) + " " + Type.string(type));
        List<Record> here = records.getOrDefault(name, List.of());
        List<Record> answers = new ArrayList<>();
        for (Record record : here) {
            if (record.getType() == type || record.getType() == Type.CNAME) {
                answers.add(record);
            }
        }
        if (answers.stream().anyMatch(r -> r.getType() == Type.CNAME)) {
            answers.removeIf(r -> r.getType() != Type.CNAME);
        }
        answers.forEach(r -> reply.addRecord(r, Section.ANSWER));
        if (answers.isEmpty()) {
            boolean exists = !here.isEmpty() || records.keySet().stream().anyMatch(n -> n.subdomain(name));
            reply.getHeader().setRcode(exists ? Rcode.NOERROR : Rcode.NXDOMAIN);
            reply.addRecord(new SOARecord(Name.root, DClass.IN, TTL, name("ns.test."), name("admin.test."),
                    1, 3600, 600, 86400, TTL), Section.AUTHORITY);
        }
        return reply;
    }

    @Override
    public void close() {
        socket.close();
    }
}
