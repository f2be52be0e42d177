package io.acmegate.gateway.upstream;

import io.acmegate.gateway.ca.IssuedChain;
import io.acmegate.gateway.ca.LocalCa;
import io.acmegate.gateway.issuance.CsrCheck;
import io.acmegate.gateway.model.Identifier;
import io.acmegate.gateway.model.CertificateTerms;
import io.acmegate.policy.CertificateProfile;
import io.acmegate.policy.CertificateProfiles;
import io.acmegate.policy.IpLiteral;
import io.acmegate.policy.ValidityRequest;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The built-in local CA as an upstream: issues at once, never fails over a network. Its templates are the certificate
 * profiles: a profile's lifetime, or the validity the order asked for within it.
 */
public final class LocalCaUpstream implements Upstream {
    public static final String NAME = "local";

    private final LocalCa ca;
    private final CertificateProfiles profiles;
    private final Clock clock;

    public LocalCaUpstream(LocalCa ca, CertificateProfiles profiles, Clock clock) {
        this.ca = ca;
        this.profiles = profiles;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public UpstreamCertificate issue(UpstreamRequest request) {
        List<String> names = request.identifiers().stream().filter(i -> !i.isIp()).map(Identifier::value).toList();
        List<InetAddress> addresses = request.identifiers().stream().filter(Identifier::isIp)
                .map(i -> IpLiteral.parse(i.value()).orElseThrow()).toList();
        CertificateTerms terms = request.terms();
        CertificateProfile profile = profiles.orDefault(terms == null ? null : terms.profile());
        Instant now = clock.instant();
        ValidityRequest.Validity validity = ValidityRequest.lifetime(terms == null ? null : terms.notBefore(),
                terms == null ? null : terms.notAfter(), now, profile.lifetime());
        // Back-dated for clock skew only when the client did not ask for a start.
        Instant notBefore = terms != null && terms.notBefore() != null ? validity.notBefore()
                : validity.notBefore().minus(LocalCa.CLOCK_SKEW);
        IssuedChain chain = ca.issue(CsrCheck.publicKeyOf(request.csr()), names, addresses, notBefore,
                validity.notAfter());
        return new UpstreamCertificate(chain.pem(), List.of(), NAME, null, null);
    }

    /** The local CA publishes no revocation information; the gateway's own record is the revocation. */
    @Override
    public void revoke(byte[] certificateDer, int reason) {
    }
}
