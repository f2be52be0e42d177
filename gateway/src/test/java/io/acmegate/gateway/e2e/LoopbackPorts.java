package io.acmegate.gateway.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Free ports on 127.0.0.1 for servers the tests start. A port is free when asked; another process may take it
 * before the server binds it, which on a test machine is rare enough to accept.
 */
public final class LoopbackPorts {

    private static final int ATTEMPTS = 50;

    private LoopbackPorts() {
    }

    /** A port free for TCP on 127.0.0.1. */
    public static int tcp() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port on 127.0.0.1", e);
        }
    }

    /** A port free for both UDP and TCP on 127.0.0.1, as a DNS server needs (RFC 7766: TCP on the same port). */
    public static int udpAndTcp() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                 ServerSocket tcp = new ServerSocket()) {
                tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), udp.getLocalPort()));
                return udp.getLocalPort();
            } catch (IOException taken) {
                // the TCP side of this UDP port is in use: try another
            }
        }
        throw new IllegalStateException("no port free for both UDP and TCP on 127.0.0.1 after " + ATTEMPTS + " tries");
    }
}
