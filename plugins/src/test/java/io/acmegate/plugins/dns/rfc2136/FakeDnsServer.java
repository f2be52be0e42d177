package io.acmegate.plugins.dns.rfc2136;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;

/**
 * A DNS server on a loopback TCP port that answers every message with one fixed rcode and no TSIG, or not at all
 * (rcode -1): the failures that a real server is hard to provoke into (SERVFAIL, silence, a forged success).
 */
final class FakeDnsServer implements AutoCloseable {

    static final int SILENT = -1;

    private final ServerSocket socket;
    private final int rcode;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    FakeDnsServer(int rcode) {
        this.rcode = rcode;
        try {
            socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = Thread.ofVirtual().start(this::serve);
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connections.add(connection);
                Thread.ofVirtual().start(() -> answer(connection));
            } catch (IOException closed) {
                return;
            }
        }
    }

    // RFC 1035 §4.2.2: each message on TCP is preceded by its two-byte length.
    private void answer(Socket connection) {
        try {
            DataInputStream in = new DataInputStream(connection.getInputStream());
            byte[] query = new byte[in.readUnsignedShort()];
            in.readFully(query);
            if (rcode == SILENT) {
                return;
            }
            Message request = new Message(query);
            Message reply = new Message(request.getHeader().getID());
            reply.getHeader().setFlag(Flags.QR);
            reply.getHeader().setOpcode(request.getHeader().getOpcode());
            reply.getHeader().setRcode(rcode);
            reply.addRecord(request.getQuestion(), Section.QUESTION);
            byte[] wire = reply.toWire();
            DataOutputStream out = new DataOutputStream(connection.getOutputStream());
            out.writeShort(wire.length);
            out.write(wire);
            out.flush();
        } catch (IOException e) {
            // the client went away
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket connection : connections) {
            connection.close();
        }
        acceptor.interrupt();
    }
}
