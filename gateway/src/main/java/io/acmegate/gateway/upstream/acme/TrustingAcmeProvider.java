package io.acmegate.gateway.upstream.acme;

import java.net.http.HttpClient;
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
