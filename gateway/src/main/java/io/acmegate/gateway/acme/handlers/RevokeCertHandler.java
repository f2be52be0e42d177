package io.acmegate.gateway.acme.handlers;

import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.acme.AcmeRequests;
import io.acmegate.gateway.acme.jws.KeyMode;
import io.acmegate.gateway.acme.jws.VerifiedRequest;
import io.acmegate.gateway.issuance.RevocationService;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** RFC 8555 §7.6: revokeCert, signed by the ordering account or by the certificate's key. */
public final class RevokeCertHandler implements Handler {
    private final AcmeRequests requests;
    private final RevocationService revocations;

    public RevokeCertHandler(AcmeRequests requests, RevocationService revocations) {
        this.requests = requests;
        this.revocations = revocations;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        VerifiedRequest request = requests.verify(req, KeyMode.JWK_OR_KID);
        revocations.revoke(request, AcmeJson.parseObject(request.payload(), "payload"));
        res.status(Status.OK_200);
        res.send();
    }
}
