package io.acmegate.gateway.acme.handlers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.acme.AcmeUrls;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;

/** RFC 8555 §7.1.1: the directory, the one URL a client is configured with. */
public final class DirectoryHandler implements Handler {
    /**
     * The directory is the same for every client until the gateway restarts, so the client may keep it for an hour
     * (acme4j, which reads Cache-Control, otherwise fetches it again before every order). "private" keeps shared
     * caches from storing it, so that the nonce it carries, as every response does, never reaches a second client.
     */
    static final String CACHING = "private, max-age=3600";
    private final byte[] body;

    /** @param profiles the certificate profiles by name, with their descriptions (the ACME profiles extension) */
    public DirectoryHandler(AcmeUrls urls, URI termsOfService, boolean eabRequired, java.util.Map<String, String> profiles) {
        ObjectNode directory = AcmeJson.object()
                .put("newNonce", urls.newNonce())
                .put("newAccount", urls.newAccount())
                .put("newOrder", urls.newOrder())
                .put("revokeCert", urls.revokeCert())
                .put("keyChange", urls.keyChange())
                .put("renewalInfo", urls.renewalInfo());
        ObjectNode meta = directory.putObject("meta");
        if (termsOfService != null) {
            meta.put("termsOfService", termsOfService.toString());
        }
        meta.put("externalAccountRequired", eabRequired);
        ObjectNode offered = meta.putObject("profiles");
        profiles.forEach(offered::put);
        this.body = AcmeJson.write(directory);
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        res.header(io.helidon.http.HeaderNames.CACHE_CONTROL, CACHING);
        res.header(io.helidon.http.HeaderNames.CONTENT_TYPE, "application/json");
        res.send(body);
    }

    /** For tests and for printing: the directory document as sent. */
    public ObjectNode document() {
        return AcmeJson.parseObject(body, "directory");
    }

}
