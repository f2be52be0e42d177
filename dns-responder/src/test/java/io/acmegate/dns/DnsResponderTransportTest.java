package io.acmegate.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/** Malformed input, TCP connection handling and rate limiting, on raw sockets against a real responder. */
class DnsResponderTransportTest {

    private final MapTxtRecordSource source = new MapTxtRecordSource().publish("abc.acme.gw.example.net", "v1");
    private DnsResponder responder;

    @AfterEach
    void stop() {
        if (responder != null) {
            responder.close();
        }
    }

    @Test
    void malformedDatagramsAreAnsweredFormerrOrDroppedAndServiceGoesOn() throws Exception {
        responder = DnsResponder.start(TestZone.config(), source);
        InetSocketAddress server = responder.address();

        // Header readable, body not: a question count of 1 and no question. FORMERR, ID echoed.
        byte[] headerOnly = {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 7, 'b', 'r', 'o'};
        Message formErr = new Message(RawDns.udpExchange(server, headerOnly, 1000).orElseThrow());
        assertEquals(0x1234, formErr.getHeader().getID());
        assertEquals(Rcode.FORMERR, formErr.getRcode());
        assertTrue(formErr.getHeader().getFlag(Flags.QR));

        // Too short for a header: nothing to answer to.
        assertTrue(RawDns.udpExchange(server, new byte[] {1, 2, 3, 4, 5}, 500).isEmpty());

        // A well-formed message with QR set is a response: never answered.
        Message response = DnsResponderResolverTest.txtQuery("abc.acme.gw.example.net.");
        response.getHeader().setFlag(Flags.QR);
        assertTrue(RawDns.udpExchange(server, response.toWire(), 500).isEmpty());

        // Random garbage: any reply must be a FORMERR for the same ID (or none at all).
        var random = new Random(42);
        for (int i = 0; i < 50; i++) {
            byte[] garbage = new byte[12 + random.nextInt(200)];
            random.nextBytes(garbage);
            garbage[2] &= 0x7F; // QR clear, so that a reply is allowed
            Optional<byte[]> reply = RawDns.udpExchange(server, garbage, 200);
            if (reply.isPresent()) {
                assertEquals(new Header(Arrays.copyOf(garbage, 12)).getID(), new Message(reply.get()).getHeader().getID());
            }
        }

        Message good = new Message(RawDns.udpExchange(server,
                DnsResponderResolverTest.txtQuery("abc.acme.gw.example.net.").toWire(), 1000).orElseThrow());
        assertEquals(Rcode.NOERROR, good.getRcode());
        assertEquals(1, good.getSection(Section.ANSWER).size());
        assertTrue(responder.stats().malformed() >= 2);
        assertTrue(responder.stats().unanswered() >= 2);
    }

    @Test
    void garbageOverTcpDoesNotStopTheConnectionsAfterIt() throws Exception {
        responder = DnsResponder.start(TestZone.config(), source);
        try (var socket = connect()) {
            RawDns.writeFrame(socket, new byte[] {9, 9, 9});
            RawDns.writeFrame(socket, DnsResponderResolverTest.txtQuery("abc.acme.gw.example.net.").toWire());
            Message reply = new Message(RawDns.readFrame(socket).orElseThrow());
            assertEquals(Rcode.NOERROR, reply.getRcode());
        }
    }

    @Test
    void severalQueriesOnOneTcpConnection() throws Exception {
        responder = DnsResponder.start(TestZone.config(), source);
        try (var socket = connect()) {
            Message first = DnsResponderResolverTest.txtQuery("abc.acme.gw.example.net.");
            Message second = DnsResponderResolverTest.txtQuery("nope.acme.gw.example.net.");
            RawDns.writeFrame(socket, first.toWire());
            RawDns.writeFrame(socket, second.toWire());

            Message r1 = new Message(RawDns.readFrame(socket).orElseThrow());
            Message r2 = new Message(RawDns.readFrame(socket).orElseThrow());

            assertEquals(first.getHeader().getID(), r1.getHeader().getID());
            assertEquals(Rcode.NOERROR, r1.getRcode());
            assertEquals(second.getHeader().getID(), r2.getHeader().getID());
            assertEquals(Rcode.NXDOMAIN, r2.getRcode());
        }
    }

    @Test
    void idleTcpConnectionIsClosed() throws Exception {
        responder = DnsResponder.start(TestZone.config().withTcpIdleTimeout(Duration.ofMillis(300)), source);
        try (var socket = connect()) {
            socket.setSoTimeout(3000);
            long start = System.nanoTime();
            assertEquals(-1, socket.getInputStream().read(), "server closes the idle connection");
            assertTrue(System.nanoTime() - start < 2_500_000_000L);
        }
    }

    @Test
    void tcpConnectionsOverTheCapAreClosed() throws Exception {
        responder = DnsResponder.start(TestZone.config().withMaxTcpConnections(2), source);
        try (var a = connect(); var b = connect(); var c = connect()) {
            RawDns.writeFrame(a, DnsResponderResolverTest.txtQuery("abc.acme.gw.example.net.").toWire());
            assertTrue(RawDns.readFrame(a).isPresent());
            c.setSoTimeout(3000);
            assertTrue(isClosedByPeer(c), "third connection is refused");
            assertEquals(1, responder.stats().tcpConnectionsRefused());
        }
        // Once the others are gone there is room again.
        byte[] query = DnsResponderResolverTest.txtQuery("abc.acme.gw.example.net.").toWire();
        waitUntil(() -> {
            try (var d = connect()) {
                RawDns.writeFrame(d, query);
                return RawDns.readFrame(d).isPresent();
            } catch (IOException e) {
                return false;
            }
        });
    }

    @Test
    void burstFromOneSourceIsRateLimitedWithSlipsWhileTcpStillAnswers() throws Exception {
        responder = DnsResponder.start(TestZone.config().withResponsesPerSecondPerSource(5).withRrlSlip(2), source);
        int sent = 40;
        int full = 0;
        int slipped = 0;
        try (var socket = new DatagramSocket()) {
            byte[] query = DnsResponderResolverTest.txtQuery("abc.acme.gw.example.net.").toWire();
            for (int i = 0; i < sent; i++) {
                socket.send(new DatagramPacket(query, query.length, responder.address()));
            }
            socket.setSoTimeout(500);
            var buffer = new byte[4096];
            while (true) {
                var packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    break;
                }
                Message reply = new Message(Arrays.copyOf(buffer, packet.getLength()));
                if (reply.getHeader().getFlag(Flags.TC)) {
                    assertTrue(reply.getSection(Section.ANSWER).isEmpty());
                    slipped++;
                } else {
                    full++;
                }
            }
        }
        int missing = sent - full - slipped;
        assertTrue(full >= 5 && full <= 8, "about the burst allowance answered in full: " + full);
        assertTrue(slipped >= 10, "every second reply over the limit slips as TC: " + slipped);
        assertTrue(missing >= 10, "the rest are dropped: " + missing);
        assertEquals(missing, responder.stats().rateLimited());

        try (var socket = connect()) { // TCP is not rate limited: the source address is proven
            RawDns.writeFrame(socket, DnsResponderResolverTest.txtQuery("abc.acme.gw.example.net.").toWire());
            assertEquals(Rcode.NOERROR, new Message(RawDns.readFrame(socket).orElseThrow()).getRcode());
        }
    }

    private Socket connect() throws IOException {
        var socket = new Socket();
        socket.connect(responder.address(), 2000);
        socket.setSoTimeout(3000);
        return socket;
    }

    private static boolean isClosedByPeer(Socket socket) {
        try {
            return socket.getInputStream().read() == -1;
        } catch (IOException e) {
            return true; // reset
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertFalse(System.nanoTime() > deadline, "condition not met within 3 s");
            Thread.sleep(50);
        }
    }
}
