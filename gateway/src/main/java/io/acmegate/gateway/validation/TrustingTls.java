package io.acmegate.gateway.validation;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS client handshakes that accept any certificate. Validation and the deployment probe look at what the server
 * presents, not at who issued it: RFC 8737 §3 checks the self-signed challenge certificate itself, and for
 * http-01 redirects to https Let's Encrypt ignores the certificate's validity too.
 */
public final class TrustingTls {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"}; // RFC 8737 §3: TLS 1.2 or higher

    private TrustingTls() {
    }

    /**
     * Runs a client handshake over the connected {@code plain} socket, which the returned socket then owns.
     *
     * @param sni        the name to send as SNI, or {@code null} for none (RFC 6066 §3: never an IP literal)
     * @param alpn       the protocols to offer with ALPN; empty for no ALPN extension
     * @param timeoutMillis the read timeout for the handshake and what follows
     */
    public static SSLSocket handshake(Socket plain, String sni, List<String> alpn, int timeoutMillis)
            throws IOException {
        List<SNIServerName> serverNames;
        try {
            serverNames = sni == null ? List.of() : List.of(new SNIHostName(sni));
        } catch (IllegalArgumentException e) {
            throw new SSLException("cannot send " + Details.excerpt(sni) + " as SNI: " + Details.reason(e));
        }
        // A fresh context each time: no session is resumed, so the certificate seen is the one served now.
        String peer = sni != null ? sni : plain.getInetAddress().getHostAddress();
        SSLSocket tls = (SSLSocket) trustingContext().getSocketFactory()
                .createSocket(plain, peer, plain.getPort(), true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        parameters.setEndpointIdentificationAlgorithm(null);
        parameters.setServerNames(serverNames);
        if (!alpn.isEmpty()) {
            parameters.setApplicationProtocols(alpn.toArray(String[]::new));
        }
        tls.setSSLParameters(parameters);
        tls.setSoTimeout(timeoutMillis);
        tls.startHandshake();
        return tls;
    }

    private static SSLContext trustingContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAnything()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's TLS provider is unavailable", e);
        }
    }

    /** Accepts every certificate, including ones with unknown critical extensions such as acmeIdentifier. */
    private static final class TrustAnything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
