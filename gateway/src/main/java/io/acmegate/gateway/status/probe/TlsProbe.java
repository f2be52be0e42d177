package io.acmegate.gateway.status.probe;

import io.acmegate.gateway.model.Lineage;
import io.acmegate.gateway.validation.TrustingTls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLSocket;

/**
 * Asks a TLS endpoint which certificate it serves. It trusts whatever it is shown: the question is "which serial",
 * not "is it valid" — an expired or unknown certificate is exactly what the probe must be able to report.
 */
public final class TlsProbe {
    private final Duration timeout;

    public TlsProbe(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * The leaf certificate the endpoint serves for its SNI name (RFC 6066 §3: host names only, none for an address).
     *
     * @throws IOException when it cannot be reached or the handshake fails
     */
    public X509Certificate servedCertificate(Lineage.Endpoint endpoint) throws IOException {
        int millis = (int) timeout.toMillis();
        String name = endpoint.serverName();
        String sni = name.matches("[0-9.]+|.*:.*") ? null : name;
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), millis);
            try (SSLSocket tls = TrustingTls.handshake(plain, sni, List.of(), millis)) {
                return (X509Certificate) tls.getSession().getPeerCertificates()[0];
            }
        }
    }
}
