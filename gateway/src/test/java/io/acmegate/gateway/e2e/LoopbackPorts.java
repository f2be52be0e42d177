package io.acmegate.gateway.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Free ports on 127.0.0.1 for servers the tests start. They are drawn from below the kernel's ephemeral range
 * (32768-60999 on Linux), which port-0 binds and outgoing connections use: a server another test started on port 0
 * in the meantime (a gateway's listeners, Pebble's) cannot take a port handed out here before its server binds it.
 */
public final class LoopbackPorts {

    private static final int ATTEMPTS = 50;
    private static final int LOWEST = 20_000;
    private static final int BELOW_EPHEMERAL = 32_768;
    private static final java.util.Random RANDOM = new java.util.Random();

    private LoopbackPorts() {
    }

    private static int candidate() {
        return LOWEST + RANDOM.nextInt(BELOW_EPHEMERAL - LOWEST);
    }

    /** A port free for TCP on 127.0.0.1. */
    public static int tcp() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = candidate();
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return port;
            } catch (IOException taken) {
                // in use: try another
            }
        }
        throw new UncheckedIOException(new IOException("no free TCP port on 127.0.0.1 after " + ATTEMPTS + " tries"));
    }

    /** A port free for both UDP and TCP on 127.0.0.1, as a DNS server needs (RFC 7766: TCP on the same port). */
    public static int udpAndTcp() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    candidate()));
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
