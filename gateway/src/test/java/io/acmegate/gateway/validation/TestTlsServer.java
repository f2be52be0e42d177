package io.acmegate.gateway.validation;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.StandardConstants;

/**
 * A TLS server on 127.0.0.1 that completes handshakes with the given context and ALPN protocols and records the
 * SNI host names it was sent. {@code applicationProtocols} null configures no ALPN at all.
 */
final class TestTlsServer implements AutoCloseable {
    private final SSLServerSocket server;
    private final List<String> serverNames = new CopyOnWriteArrayList<>();

    TestTlsServer(SSLContext context, List<String> applicationProtocols) throws IOException {
        server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        SSLParameters parameters = server.getSSLParameters();
        if (applicationProtocols != null) {
            parameters.setApplicationProtocols(applicationProtocols.toArray(String[]::new));
        }
        // Recorded while the ClientHello is read, before the server answers: visible once the client's handshake
        // is done.
        parameters.setSNIMatchers(List.of(new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
            @Override
            public boolean matches(SNIServerName name) {
                serverNames.add(new SNIHostName(name.getEncoded()).getAsciiName());
                return true;
            }
        }));
        server.setSSLParameters(parameters);
        Thread.ofPlatform().daemon().name("test-tls").start(this::serve);
    }

    int port() {
        return ((InetSocketAddress) server.getLocalSocketAddress()).getPort();
    }

    /** The SNI host names of the handshakes so far (a handshake without SNI adds none). */
    List<String> serverNames() {
        return serverNames;
    }

    private void serve() {
        while (!server.isClosed()) {
            try (SSLSocket socket = (SSLSocket) server.accept()) {
                try {
                    socket.startHandshake();
                    socket.getInputStream().read(); // until the client closes
                } catch (IOException e) {
                    // a failed handshake is one of the cases under test
                }
            } catch (IOException e) {
                // closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
