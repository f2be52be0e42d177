package io.acmegate.gateway.acme.handlers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.acme.ari.AriCertificateId;
import io.acmegate.gateway.acme.problem.Problems;
import io.acmegate.gateway.model.IssuedCertificate;
import io.acmegate.gateway.model.Lineage;
import io.acmegate.gateway.status.RenewalAdvice;
import io.acmegate.gateway.store.Store;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;

/**
 * RFC 9773 §4: {@code GET renewalInfo/<certID>} answers the certificate's suggested renewal window. Unauthenticated,
 * like the directory; an identifier that does not name a certificate acmegate issued is 404.
 */
public final class RenewalInfoHandler implements Handler {
    /** RFC 9773 §4.3: how long a client should wait before asking again. */
    static final Duration RETRY_AFTER = Duration.ofHours(6);

    private final Store store;
    private final RenewalAdvice advice;

    public RenewalInfoHandler(Store store, RenewalAdvice advice) {
        this.store = store;
        this.advice = advice;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        String text = req.path().pathParameters().get("certId");
        AriCertificateId id = AriCertificateId.parse(text).orElseThrow(() ->
                Problems.malformed("not an RFC 9773 certificate identifier (base64url AKI '.' base64url serial)"));
        IssuedCertificate certificate = id.find(store).orElseThrow(() -> Problems.notFound("no certificate issued by this server has the identifier " + text));
        Lineage.RenewalWindow window = advice.windowFor(certificate);
        ObjectNode body = AcmeJson.object();
        body.putObject("suggestedWindow").put("start", window.start().toString()).put("end", window.end().toString());
        if (window.explanationUrl() != null) {
            body.put("explanationURL", window.explanationUrl());
        }
        res.header(HeaderNames.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(AcmeJson.write(body));
    }
}
