package io.acmegate.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Optional;

/** Bytes on the wire, for what a well-behaved resolver would never send. */
final class RawDns {

    private RawDns() {
    }

    /** Sends one datagram and waits up to {@code timeoutMillis} for one back. */
    static Optional<byte[]> udpExchange(InetSocketAddress server, byte[] query, int timeoutMillis) throws IOException {
        try (var socket = new DatagramSocket()) {
            socket.setSoTimeout(timeoutMillis);
            socket.send(new DatagramPacket(query, query.length, server));
            var buffer = new byte[65_535];
            var packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            }
            return Optional.of(java.util.Arrays.copyOf(buffer, packet.getLength()));
        }
    }

    static void writeFrame(Socket socket, byte[] message) throws IOException {
        var out = new DataOutputStream(socket.getOutputStream());
        out.writeShort(message.length);
        out.write(message);
        out.flush();
    }

    /** One length-prefixed message, or empty at end of stream. */
    static Optional<byte[]> readFrame(Socket socket) throws IOException {
        var in = new DataInputStream(socket.getInputStream());
        try {
            int length = in.readUnsignedShort();
            byte[] message = new byte[length];
            in.readFully(message);
            return Optional.of(message);
        } catch (EOFException e) {
            return Optional.empty();
        }
    }
}
