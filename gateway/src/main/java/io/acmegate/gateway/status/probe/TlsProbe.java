package io.acmegate.gateway.status.probe;

import io.acmegate.gateway.model.Lineage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Asks a TLS endpoint which certificate it serves. It trusts whatever it is shown: the question is "which serial",
 * not "is it valid" — an expired or unknown certificate is exactly what the probe must be able to report.
 */
public final class TlsProbe {
    private final Duration timeout;
    private final SSLContext context;

    public TlsProbe(Duration timeout) {
        this.timeout = timeout;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AnyCertificate()}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is part of every JDK", e);
        }
    }

    /**
     * The leaf certificate the endpoint serves for its SNI name (RFC 6066 §3).
     *
     * @throws IOException when it cannot be reached or the handshake fails
     */
    public X509Certificate servedCertificate(Lineage.Endpoint endpoint) throws IOException {
        int millis = (int) timeout.toMillis();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), millis);
            plain.setSoTimeout(millis);
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, endpoint.serverName(),
                    endpoint.port(), false)) {
                SSLParameters parameters = tls.getSSLParameters();
                if (!endpoint.serverName().matches("[0-9.]+|.*:.*")) { // SNI carries host names only
                    parameters.setServerNames(List.of(new SNIHostName(endpoint.serverName())));
                }
                tls.setSSLParameters(parameters);
                tls.startHandshake();
                return (X509Certificate) tls.getSession().getPeerCertificates()[0];
            }
        }
    }

    private static final class AnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
