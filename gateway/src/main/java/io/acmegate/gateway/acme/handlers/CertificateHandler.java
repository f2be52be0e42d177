package io.acmegate.gateway.acme.handlers;

import io.acmegate.gateway.acme.AcmeRequests;
import io.acmegate.gateway.acme.AcmeResponses;
import io.acmegate.gateway.acme.AcmeUrls;
import io.acmegate.gateway.acme.problem.Problems;
import io.acmegate.gateway.model.Account;
import io.acmegate.gateway.model.IssuedCertificate;
import io.acmegate.gateway.store.Store;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;

/**
 * RFC 8555 §7.4.2: the certificate chain, leaf first, as application/pem-certificate-chain, exactly as
 * the upstream CA served it. The other chains the CA offered are at {@code /cert/{id}/{n}}, announced
 * with {@code Link: rel="alternate"} (clients such as certbot's --preferred-chain follow them).
 */
public final class CertificateHandler implements Handler {
    private final AcmeRequests requests;
    private final AcmeUrls urls;
    private final OwnedResources owned;

    public CertificateHandler(AcmeRequests requests, AcmeUrls urls, Store store) {
        this.requests = requests;
        this.urls = urls;
        this.owned = new OwnedResources(store);
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        Account account = requests.verifyPostAsGet(req);
        IssuedCertificate certificate = owned.certificate(req.path().pathParameters().get("id"), account);
        String alternate = req.path().pathParameters().first("n").orElse(null);
        String chain = certificate.chainPem();
        if (alternate != null) {
            chain = alternate(certificate, alternate);
        }
        for (int n = 0; n <= certificate.alternates().size(); n++) {
            String url = n == 0 ? urls.certificate(certificate.id()) : urls.certificate(certificate.id()) + "/" + n;
            if (!url.equals(urls.absolute(req.path().rawPath()))) {
                AcmeResponses.link(res, url, "alternate");
            }
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/pem-certificate-chain");
        res.send(chain.getBytes(StandardCharsets.US_ASCII));
    }

    private static String alternate(IssuedCertificate certificate, String n) {
        try {
            int index = Integer.parseInt(n);
            if (index >= 1 && index <= certificate.alternates().size()) {
                return certificate.alternates().get(index - 1);
            }
        } catch (NumberFormatException ignored) {
            // Not a number: no such chain.
        }
        throw Problems.notFound("no alternate chain " + n);
    }
}
