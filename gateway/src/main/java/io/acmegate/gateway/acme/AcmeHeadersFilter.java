package io.acmegate.gateway.acme;

import io.acmegate.gateway.acme.jws.NonceService;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * The headers every ACME response carries, errors included: a fresh Replay-Nonce (RFC 8555 §6.5, so
 * that a client can retry a badNonce at once), the directory as rel="index" (§7.1), and no caching
 * (§6.7 and §7.2 forbid caching nonces; the directory handler relaxes it for the directory).
 */
public final class AcmeHeadersFilter implements Filter {
    private final NonceService nonces;
    private final String indexLink;

    public AcmeHeadersFilter(NonceService nonces, AcmeUrls urls) {
        this.nonces = nonces;
        this.indexLink = "<" + urls.directory() + ">;rel=\"index\"";
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        res.header(HeaderNames.create("Replay-Nonce"), nonces.issue());
        res.headers().add(HeaderNames.LINK, indexLink);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        chain.proceed();
    }
}
