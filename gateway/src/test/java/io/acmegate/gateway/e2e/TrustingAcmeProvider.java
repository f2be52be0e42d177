package io.acmegate.gateway.e2e;

import java.net.http.HttpClient;
import javax.net.ssl.SSLContext;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/**
 * acme4j's generic provider for http(s) directory URLs, with an HTTP client that trusts a given TLS context
 * instead of the JVM's default trust store (acme4j 4 builds its {@link HttpClient} in the provider).
 */
final class TrustingAcmeProvider extends GenericAcmeProvider {

    private final SSLContext trust;

    TrustingAcmeProvider(SSLContext trust) {
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
