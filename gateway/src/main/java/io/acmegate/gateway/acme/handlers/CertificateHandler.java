package io.acmegate.gateway.acme.handlers;

import io.acmegate.gateway.acme.AcmeRequests;
import io.acmegate.gateway.model.Account;
import io.acmegate.gateway.model.IssuedCertificate;
import io.acmegate.gateway.store.Store;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;

/** RFC 8555 §7.4.2: the certificate chain, leaf first, as application/pem-certificate-chain. */
public final class CertificateHandler implements Handler {
    private final AcmeRequests requests;
    private final OwnedResources owned;

    public CertificateHandler(AcmeRequests requests, Store store) {
        this.requests = requests;
        this.owned = new OwnedResources(store);
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        Account account = requests.verifyPostAsGet(req);
        IssuedCertificate certificate = owned.certificate(req.path().pathParameters().get("id"), account);
        res.header(HeaderNames.CONTENT_TYPE, "application/pem-certificate-chain");
        res.send(certificate.chainPem().getBytes(StandardCharsets.US_ASCII));
    }
}
