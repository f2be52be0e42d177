package io.acmegate.gateway.upstream.acme;

import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/**
 * acme4j's generic provider with an HTTP client that trusts given CA certificates: a private CA's
 * (step-ca, Pebble) TLS certificate is not in the JVM's trust store. acme4j 4 builds its HttpClient here.
 */
public final class TrustingAcmeProvider extends GenericAcmeProvider {
    private final SSLContext trust;

    public TrustingAcmeProvider(SSLContext trust) {
        this.trust = trust;
    }

    /**
     * A TLS context trusting exactly the certificates in a PEM file.
     *
     * @throws GeneralSecurityException when the file holds no certificate or one that does not parse
     */
    public static SSLContext trusting(java.nio.file.Path pem) throws java.io.IOException, GeneralSecurityException {
        java.util.Collection<? extends java.security.cert.Certificate> roots;
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(pem)) {
            roots = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (roots.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + pem);
        }
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int index = 0;
        for (java.security.cert.Certificate root : roots) {
            store.setCertificateEntry("ca-" + index++, root);
        }
        javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    @Override
    public HttpClient createHttpClient(NetworkSettings settings) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(settings.getTimeout())
                .proxy(settings.getProxySelector())
                .sslContext(trust);
        if (settings.getAuthenticator() != null) {
            builder.authenticator(settings.getAuthenticator());
        }
        return builder.build();
    }
}
