package io.acmegate.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/**
 * An acme4j provider for any http(s) directory URL whose HTTP client trusts a given set of roots
 * instead of the JDK's default store.
 *
 * <p>acme4j 4 talks through {@code java.net.http.HttpClient}, which it builds in
 * {@link org.shredzone.acme4j.provider.AcmeProvider#createHttpClient}: overriding that is the one
 * place to hand it an {@link SSLContext}, without touching JVM-wide system properties.
 * Thread-safe: every {@link org.shredzone.acme4j.Session} gets its own client from it.
 */
final class TrustingAcmeProvider extends GenericAcmeProvider {

    private final SSLContext sslContext;

    private TrustingAcmeProvider(SSLContext sslContext) {
        this.sslContext = sslContext;
    }

    /**
     * @param pem a file holding one or more PEM certificates to trust as roots
     * @throws IOException              if the file cannot be read
     * @throws GeneralSecurityException if it holds no certificate or one that does not parse
     */
    static TrustingAcmeProvider trusting(Path pem) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> roots;
        try (InputStream in = Files.newInputStream(pem)) {
            roots = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (roots.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + pem);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int index = 0;
        for (Certificate root : roots) {
            store.setCertificateEntry("root-" + index++, root);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return new TrustingAcmeProvider(context);
    }

    @Override
    public HttpClient createHttpClient(NetworkSettings settings) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(settings.getTimeout())
                .proxy(settings.getProxySelector())
                .sslContext(sslContext);
        if (settings.getAuthenticator() != null) {
            builder.authenticator(settings.getAuthenticator());
        }
        return builder.build();
    }
}
