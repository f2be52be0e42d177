package io.acmegate.gateway.issuance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.acme.jws.VerifiedRequest;
import io.acmegate.gateway.acme.problem.Problems;
import io.acmegate.gateway.model.IssuedCertificate;
import io.acmegate.gateway.store.Store;
import io.acmegate.gateway.status.LineageBook;
import io.acmegate.gateway.upstream.CaFallback;
import io.acmegate.gateway.upstream.Upstream;
import io.acmegate.gateway.upstream.UpstreamException;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;

/** Certificate revocation (RFC 8555 §7.6). */
public final class RevocationService {
    /** RFC 5280 §5.3.1 reasons a subscriber may give, as Let's Encrypt accepts them. */
    static final Set<Integer> SUBSCRIBER_REASONS = Set.of(0, 1, 3, 4, 5);

    private final Store store;
    private final CaFallback upstreams;
    private final Clock clock;
    private final LineageBook lineages;

    public RevocationService(Store store, CaFallback upstreams, LineageBook lineages, Clock clock) {
        this.lineages = lineages;
        this.store = store;
        this.upstreams = upstreams;
        this.clock = clock;
    }

    /**
     * Revokes the certificate in the payload if the request may: signed by the account that ordered it
     * ({@code kid}), or by the certificate's own key ({@code jwk}).
     */
    public void revoke(VerifiedRequest request, ObjectNode payload) {
        X509Certificate submitted = parseCertificate(payload.get("certificate"));
        int reason = reason(payload.get("reason"));
        IssuedCertificate issued = store.certificateBySerial(submitted.getSerialNumber().toString(16))
                .filter(c -> sameCertificate(c, submitted))
                .orElseThrow(() -> Problems.notFound("this certificate was not issued by this server"));
        if (request.account() != null) {
            if (!request.account().id().equals(issued.accountId())) {
                throw Problems.unauthorized("the requesting account did not order this certificate");
            }
        } else if (!Arrays.equals(request.jwk().getPublicKey().getEncoded(), submitted.getPublicKey().getEncoded())) {
            throw Problems.unauthorized("the request is signed neither by the ordering account nor by the "
                    + "certificate's key");
        }
        if (issued.revoked()) {
            throw Problems.alreadyRevoked("the certificate was revoked at " + issued.revocation().at());
        }
        forwardToIssuer(issued, submitted, reason);
        IssuedCertificate revoked = issued.revoke(reason, clock.instant());
        lineages.revoked(revoked, lineage -> store.updateCertificate(revoked, lineage));
    }

    /** The CA that issued the certificate revokes it for real; acmegate's record follows its answer. */
    private void forwardToIssuer(IssuedCertificate issued, X509Certificate certificate, int reason) {
        Upstream issuer = upstreams.upstream(issued.issuer()).orElseThrow(() -> Problems.serverInternal(
                "the certificate's issuer " + issued.issuer() + " is no longer configured; it cannot be revoked"));
        try {
            issuer.revoke(certificate.getEncoded(), reason);
        } catch (UpstreamException.Unavailable | UpstreamException.RateLimited e) {
            throw Problems.serverInternal("the issuing CA could not be reached to revoke; try again later: "
                    + e.getMessage());
        } catch (UpstreamException e) {
            throw Problems.serverInternal("the issuing CA refused the revocation: " + e.getMessage());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw Problems.malformed("the certificate cannot be encoded");
        }
    }

    private static X509Certificate parseCertificate(JsonNode field) {
        if (field == null || !field.isTextual()) {
            throw Problems.malformed("revokeCert needs a certificate member: base64url DER");
        }
        try {
            byte[] der = Base64.getUrlDecoder().decode(field.asText());
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
            throw Problems.malformed("the certificate is not base64url DER of an X.509 certificate");
        }
    }

    private static int reason(JsonNode field) {
        if (field == null || field.isNull()) {
            return 0;
        }
        if (!field.isInt() || !SUBSCRIBER_REASONS.contains(field.asInt())) {
            throw Problems.badRevocationReason("the revocation reason must be one of " + SUBSCRIBER_REASONS
                    + " (RFC 5280 §5.3.1)");
        }
        return field.asInt();
    }

    private static boolean sameCertificate(IssuedCertificate issued, X509Certificate submitted) {
        try {
            X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(issued.chainPem().getBytes(
                            java.nio.charset.StandardCharsets.US_ASCII)));
            return Arrays.equals(leaf.getEncoded(), submitted.getEncoded());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
