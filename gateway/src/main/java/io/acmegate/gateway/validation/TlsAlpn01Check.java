package io.acmegate.gateway.validation;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * tls-alpn-01, RFC 8737 §3: a TLS handshake on port 443 offering only the "acme-tls/1" protocol, with the name as
 * SNI, must negotiate that protocol and present a certificate for the name carrying the key authorization's
 * digest. For an ip identifier the SNI is the reverse-mapping name and the certificate names the address
 * (RFC 8738 §6).
 */
final class TlsAlpn01Check implements ChallengeCheck {
    static final String ACME_TLS_1 = "acme-tls/1";

    private final ValidationSettings settings;
    private final AddressLookup addresses;

    TlsAlpn01Check(ValidationSettings settings, DnsLookup dns) {
        this.settings = settings;
        this.addresses = new AddressLookup(dns);
    }

    @Override
    public String type() {
        return "tls-alpn-01";
    }

    @Override
    public void check(String identifierType, String identifierValue, String token, String keyAuthorization)
            throws ValidationFailure {
        Identifier identifier = Identifier.parse(identifierType, identifierValue);
        String sni = DnsLookup.printable(identifier.name());
        String purpose = "tls-alpn-01 for " + identifier.text();
        List<InetAddress> targets = addresses.addresses(identifier);
        Socket plain = Connections.connectFirst(targets, settings.tlsPort(), settings.timeout(), purpose);
        X509Certificate certificate;
        try (SSLSocket tls = TrustingTls.handshake(plain, sni, List.of(ACME_TLS_1),
                Connections.millis(settings.timeout()))) {
            String negotiated = tls.getApplicationProtocol();
            if (!ACME_TLS_1.equals(negotiated)) {
                throw ValidationFailure.tls("The server at " + tls.getInetAddress().getHostAddress()
                        + " did not negotiate " + ACME_TLS_1 + " with ALPN (" + describe(negotiated) + ")");
            }
            Certificate[] chain = tls.getSession().getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                throw ValidationFailure.tls("The server presented no X.509 certificate");
            }
            certificate = leaf;
        } catch (SSLException e) {
            throw ValidationFailure.tls("TLS handshake for " + purpose + " failed: " + Details.reason(e));
        } catch (IOException e) {
            throw ValidationFailure.connection(purpose + ": " + Details.reason(e));
        } finally {
            Connections.closeQuietly(plain);
        }
        AcmeTlsCertificate.verify(certificate, identifier, keyAuthorization);
    }

    private static String describe(String negotiated) {
        return negotiated == null || negotiated.isEmpty() ? "it chose none" : "it chose \"" + negotiated + "\"";
    }
}
