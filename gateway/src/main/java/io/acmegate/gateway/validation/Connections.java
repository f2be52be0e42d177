package io.acmegate.gateway.validation;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

/** Opening the TCP connection of http-01 and tls-alpn-01. */
final class Connections {
    private Connections() {
    }

    /**
     * Connects to the first of {@code addresses} that accepts, trying them in order (IPv4 first, see
     * {@link AddressLookup}). Only failing to connect moves on to the next address: once a server answered, its
     * answer is the result.
     *
     * @param purpose what the connection is for, as the failure detail names it (a URL, a challenge)
     * @throws ValidationFailure "connection" naming the last address's error when none accepts
     */
    static Socket connectFirst(List<InetAddress> addresses, int port, Duration timeout, String purpose)
            throws ValidationFailure {
        IOException last = null;
        InetAddress lastAddress = null;
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), millis(timeout));
                return socket;
            } catch (IOException e) {
                closeQuietly(socket);
                last = e;
                lastAddress = address;
            }
        }
        if (last == null) {
            throw ValidationFailure.connection("No address to connect to for " + purpose);
        }
        throw ValidationFailure.connection("Connecting to " + lastAddress.getHostAddress() + " port " + port
                + " for " + purpose + ": " + Details.reason(last));
    }

    static int millis(Duration timeout) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }
}
