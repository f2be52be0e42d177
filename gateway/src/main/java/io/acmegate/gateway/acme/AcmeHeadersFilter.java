package io.acmegate.gateway.acme;

import io.acmegate.gateway.acme.jws.NonceService;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * The headers every ACME response carries, errors included: the directory as rel="index" (§7.1); a fresh
 * Replay-Nonce (RFC 8555 §6.5, so that a client can retry a badNonce at once) and no caching (§6.7 and §7.2
 * forbid caching nonces).
 *
 * <p>Except the directory: it is the same for every client until the gateway restarts, so it may be cached
 * for an hour, and therefore carries no single-use nonce. Clients that cache it (acme4j reads Cache-Control)
 * skip one request per order.
 */
public final class AcmeHeadersFilter implements Filter {
    static final String DIRECTORY_CACHING = "public, max-age=3600";

    private final NonceService nonces;
    private final String indexLink;

    public AcmeHeadersFilter(NonceService nonces, AcmeUrls urls) {
        this.nonces = nonces;
        this.indexLink = "<" + urls.directory() + ">;rel=\"index\"";
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        res.headers().add(HeaderNames.LINK, indexLink);
        if (req.prologue().method() == Method.GET && req.path().path().equals(AcmeUrls.DIRECTORY_PATH)) {
            res.header(HeaderNames.CACHE_CONTROL, DIRECTORY_CACHING);
        } else {
            res.header(HeaderNames.create("Replay-Nonce"), nonces.issue());
            res.header(HeaderNames.CACHE_CONTROL, "no-store");
        }
        chain.proceed();
    }
}
