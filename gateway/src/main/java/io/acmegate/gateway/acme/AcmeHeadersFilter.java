package io.acmegate.gateway.acme;

import io.acmegate.gateway.acme.jws.NonceService;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * The headers every ACME response carries, errors included: a fresh Replay-Nonce (RFC 8555 §6.5, so that a
 * client can retry a badNonce at once), the directory as rel="index" (§7.1), and no caching (§6.7 and §7.2
 * forbid caching nonces).
 *
 * <p>Except the directory's caching: it is the same for every client until the gateway restarts, so the client
 * may keep it for an hour (acme4j, which reads Cache-Control, otherwise fetches it again before every order).
 * "private" keeps shared caches from storing it, so that its nonce never reaches a second client.
 */
public final class AcmeHeadersFilter implements Filter {
    static final String DIRECTORY_CACHING = "private, max-age=3600";

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
        boolean directory = req.prologue().method() == Method.GET
                && req.path().path().equals(AcmeUrls.DIRECTORY_PATH);
        res.header(HeaderNames.CACHE_CONTROL, directory ? DIRECTORY_CACHING : "no-store");
        chain.proceed();
    }
}
