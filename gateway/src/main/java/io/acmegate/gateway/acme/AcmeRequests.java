package io.acmegate.gateway.acme;

import io.acmegate.gateway.acme.jws.JwsVerifier;
import io.acmegate.gateway.acme.jws.KeyMode;
import io.acmegate.gateway.acme.jws.VerifiedRequest;
import io.acmegate.gateway.acme.problem.Problems;
import io.acmegate.gateway.model.Account;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads an ACME POST (RFC 8555 §6.2): checks the media type and size, then hands the body to the JWS
 * verifier with the URL the request was sent to. Every handler that takes a POST goes through here.
 */
public final class AcmeRequests {
    /** Far above any real ACME request (a CSR with 100 names is a few KiB); bounds memory per request. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final String JOSE_JSON = "application/jose+json";

    private final AcmeUrls urls;
    private final JwsVerifier verifier;

    public AcmeRequests(AcmeUrls urls, JwsVerifier verifier) {
        this.urls = urls;
        this.verifier = verifier;
    }

    public VerifiedRequest verify(ServerRequest request, KeyMode mode) {
        String type = request.headers().contentType().map(HttpMediaType::mediaType)
                .map(m -> m.type() + "/" + m.subtype()).orElse("");
        if (!JOSE_JSON.equalsIgnoreCase(type)) {
            throw Problems.unsupportedMediaType("ACME requests must have Content-Type " + JOSE_JSON
                    + (type.isEmpty() ? "" : ", not " + type));
        }
        byte[] body = readBody(request);
        // The signed URL is the whole request URL, query included (a paginated list's "next" has one).
        String query = request.query().rawValue();
        String path = request.path().rawPath() + (query == null || query.isEmpty() ? "" : "?" + query);
        return verifier.verify(body, urls.absolute(path), mode);
    }

    /** RFC 8555 §6.3: a POST-as-GET has an empty payload; anything else is refused. */
    public Account verifyPostAsGet(ServerRequest request) {
        VerifiedRequest verified = verify(request, KeyMode.KID);
        if (!verified.postAsGet()) {
            throw Problems.malformed("this resource is fetched with POST-as-GET: the JWS payload must be empty");
        }
        return verified.account();
    }

    /** The request body, refused as payloadTooLarge above {@link #MAX_BODY_BYTES} whatever the listener allows. */
    public static byte[] readBody(ServerRequest request) {
        if (request.headers().contains(HeaderNames.CONTENT_LENGTH)
                && request.headers().contentLength().orElse(0) > MAX_BODY_BYTES) {
            throw Problems.payloadTooLarge("request body exceeds " + MAX_BODY_BYTES + " bytes");
        }
        try (InputStream in = request.content().inputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw Problems.payloadTooLarge("request body exceeds " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        } catch (IOException | UncheckedIOException e) {
            throw Problems.malformed("cannot read the request body");
        }
    }
}
