package io.acmegate.gateway.upstream;

import io.acmegate.gateway.ca.IssuedChain;
import io.acmegate.gateway.ca.LocalCa;
import io.acmegate.gateway.issuance.CsrCheck;
import io.acmegate.gateway.model.Identifier;
import java.time.Duration;
import java.util.List;

/** The built-in local CA as an upstream: issues at once, never fails over a network. */
public final class LocalCaUpstream implements Upstream {
    public static final String NAME = "local";

    private final LocalCa ca;
    private final Duration lifetime;

    public LocalCaUpstream(LocalCa ca, Duration lifetime) {
        this.ca = ca;
        this.lifetime = lifetime;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public UpstreamCertificate issue(UpstreamRequest request) {
        List<String> names = request.identifiers().stream().map(Identifier::value).toList();
        IssuedChain chain = ca.issue(CsrCheck.publicKeyOf(request.csr()), names, lifetime);
        return new UpstreamCertificate(chain.pem(), List.of(), NAME, null, null);
    }

    /** The local CA publishes no revocation information; the gateway's own record is the revocation. */
    @Override
    public void revoke(byte[] certificateDer, int reason) {
    }
}
