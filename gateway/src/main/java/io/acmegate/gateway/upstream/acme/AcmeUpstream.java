package io.acmegate.gateway.upstream.acme;

import io.acmegate.gateway.delegation.Delegations;
import io.acmegate.gateway.model.Identifier;
import io.acmegate.gateway.model.Lineage;
import io.acmegate.gateway.model.UpstreamAccount;
import io.acmegate.gateway.secrets.SecretBox;
import io.acmegate.gateway.status.RenewalWindows;
import io.acmegate.gateway.store.Store;
import io.acmegate.gateway.upstream.Upstream;
import io.acmegate.gateway.upstream.UpstreamCertificate;
import io.acmegate.gateway.upstream.UpstreamException;
import io.acmegate.gateway.upstream.UpstreamRequest;
import io.acmegate.plugins.dns.DnsProvider;
import io.acmegate.policy.CertificateProfiles;
import io.acmegate.policy.IpLiteral;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.RenewalInfo;
import org.shredzone.acme4j.OrderBuilder;
import org.shredzone.acme4j.PollableResource;
import org.shredzone.acme4j.RevocationReason;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * An account at an upstream ACME CA, used through acme4j (DESIGN: all upstream ACME traffic goes through
 * acme4j). The account is registered on first use; its key is kept in the store sealed by the secret
 * box. Every order is new at this CA: nothing is reused across CAs.
 */
public final class AcmeUpstream implements Upstream {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(AcmeUpstream.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(3);
    private final AcmeUpstreamConfig config;
    private final CertificateProfiles profiles;
    private final Store store;
    private final SecretBox secrets;
    private final ChallengeAnswerer answerer;
    private final Clock clock;
    private final Session session;
    private volatile Login login;

    public AcmeUpstream(AcmeUpstreamConfig config, Store store, SecretBox secrets, Delegations delegations,
                        List<DnsProvider> dnsProviders, CertificateProfiles profiles, Clock clock) {
        this.config = config;
        this.profiles = profiles;
        this.store = store;
        this.secrets = secrets;
        this.answerer = new ChallengeAnswerer(delegations, delegations.board(), dnsProviders);
        this.clock = clock;
        this.session = config.trust() == null ? new Session(config.directory())
                : new Session(config.directory(), new TrustingAcmeProvider(trusting(config)));
        this.session.networkSettings().setTimeout(Duration.ofSeconds(30));
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public String accountUrl() {
        return store.upstreamAccount(config.name()).map(UpstreamAccount::accountUrl).orElse(null);
    }

    @Override
    public List<String> caaIdentities() throws UpstreamException {
        try {
            login(); // registers the account, so that accountUrl() is known
            return List.copyOf(session.getMetadata().getCaaIdentities());
        } catch (AcmeException e) {
            throw AcmeFailures.classify(name(), e, clock);
        }
    }

    @Override
    public UpstreamCertificate issue(UpstreamRequest request) throws UpstreamException {
        try {
            return issueOnce(request);
        } catch (UpstreamException.AccountProblem e) {
            if (!(e.getCause() instanceof org.shredzone.acme4j.exception.AcmeServerException server)
                    || !server.getType().toString().endsWith(":accountDoesNotExist")) {
                throw e;
            }
            // The CA lost the account (a reset test CA, a purged account): register anew, once.
            forgetAccount();
            return issueOnce(request);
        }
    }

    private synchronized void forgetAccount() {
        login = null;
        store.upstreamAccount(config.name()).ifPresent(a -> store.putUpstreamAccount(a.registered(null)));
    }

    private UpstreamCertificate issueOnce(UpstreamRequest request) throws UpstreamException {
        Instant deadline = clock.instant().plus(config.timeout());
        try {
            OrderBuilder builder = login().getAccount().newOrder().identifiers(request.identifiers().stream()
                    .map(i -> i.isIp() ? org.shredzone.acme4j.Identifier.ip(IpLiteral.parse(i.value()).orElseThrow())
                            : org.shredzone.acme4j.Identifier.dns(i.value()))
                    .toList());
            if (request.replaces() != null) {
                builder.replaces(request.replaces());
            }
            applyTerms(builder, request.terms());
            Order order = builder.create();
            for (Authorization authorization : order.getAuthorizations()) {
                authorize(authorization, deadline);
            }
            order.execute(request.csr());
            Status status = await(order, deadline);
            if (status != Status.VALID) {
                throw new UpstreamException.Unavailable(name() + ": the order ended " + status
                        + order.getError().map(p -> ": " + p).orElse(""), null, null);
            }
            return certificate(order.getCertificate());
        } catch (AcmeException | org.shredzone.acme4j.exception.AcmeLazyLoadingException e) {
            throw AcmeFailures.classify(name(), e, clock);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException.Unavailable(name() + ": interrupted", null, e);
        }
    }

    /**
     * The downstream order's profile as this CA names it (none when the profile maps nothing here: the CA's
     * default), and its requested validity (RFC 8555 §7.1.3), passed on as asked.
     */
    private void applyTerms(OrderBuilder builder, io.acmegate.gateway.model.CertificateTerms terms) {
        if (terms == null) {
            return;
        }
        profiles.find(terms.profile()).flatMap(p -> p.upstreamProfile(name())).ifPresent(builder::profile);
        if (terms.notBefore() != null) {
            builder.notBefore(terms.notBefore());
        }
        if (terms.notAfter() != null) {
            builder.notAfter(terms.notAfter());
        }
    }

    /** Answers one authorization's challenge, waits for the CA's verdict, and always withdraws the answer. */
    private void authorize(Authorization authorization, Instant deadline)
            throws AcmeException, InterruptedException, UpstreamException {
        if (authorization.getStatus() == Status.VALID) {
            return;
        }
        ChallengeAnswerer.Answer answer = answerer.answer(authorization, config.challenges());
        try {
            answer.challenge().trigger();
            Status status = await(authorization, deadline);
            if (status != Status.VALID) {
                String why = answer.challenge().getError().map(Object::toString).orElse("status " + status);
                throw new UpstreamException.ValidationFailed(name() + ": validation of "
                        + authorization.getIdentifier().getDomain() + " failed: " + why, null);
            }
        } finally {
            answer.withdraw().run();
        }
    }

    private UpstreamCertificate certificate(Certificate certificate) throws AcmeException {
        Certificate chosen = certificate;
        if (config.preferredChain() != null && !certificate.isIssuedBy(config.preferredChain())) {
            chosen = certificate.findCertificate(config.preferredChain()).orElse(certificate);
        }
        List<String> alternates = new ArrayList<>();
        for (Certificate alternate : certificate.getAlternateCertificates()) {
            if (alternate != chosen) {
                alternates.add(pem(alternate));
            }
        }
        if (chosen != certificate) {
            alternates.add(pem(certificate));
        }
        return new UpstreamCertificate(pem(chosen), alternates, name(), chosen.getLocation().toString(),
                renewalWindow(chosen.getCertificate()).orElse(null));
    }

    /** The CA's ARI window (RFC 9773 §4.2); none when the CA has no ARI or does not answer. */
    @Override
    public Optional<Lineage.RenewalWindow> renewalWindow(X509Certificate certificate) {
        try {
            if (login().getSession().resourceUrlOptional(org.shredzone.acme4j.connector.Resource.RENEWAL_INFO)
                    .isEmpty()) {
                return Optional.empty();
            }
            RenewalInfo info = login().bindRenewalInfo(certificate);
            info.fetch();
            return Optional.of(new Lineage.RenewalWindow(info.getSuggestedWindowStart(), info.getSuggestedWindowEnd(),
                    info.getExplanation().map(Object::toString).orElse(null), RenewalWindows.CA));
        } catch (AcmeException | RuntimeException e) { // lazy loading fails with a runtime exception
            LOG.log(java.util.logging.Level.INFO, name() + ": no renewal information, the default window applies: "
                    + e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void revoke(byte[] certificateDer, int reason) throws UpstreamException {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificateDer));
            Certificate.revoke(login(), certificate, RevocationReason.code(reason));
        } catch (org.shredzone.acme4j.exception.AcmeServerException e) {
            // Revocation is idempotent for the client: revoked at the CA already is what it asked for.
            if (!e.getType().toString().equals("urn:ietf:params:acme:error:alreadyRevoked")) {
                throw AcmeFailures.classify(name(), e, clock);
            }
        } catch (AcmeException e) {
            throw AcmeFailures.classify(name(), e, clock);
        } catch (java.security.cert.CertificateException e) {
            throw new UpstreamException.Refused(name() + ": not a certificate", e);
        }
    }

    /** The account's login, registering the account at the CA on first use (RFC 8555 §7.3). */
    private Login login() throws AcmeException {
        Login current = login;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (login == null) {
                UpstreamAccount account = store.upstreamAccount(config.name())
                        .filter(a -> a.directory().equals(config.directory().toString()))
                        .orElseGet(this::newAccount);
                KeyPair keys = keyPair(account);
                if (account.accountUrl() == null) {
                    AccountBuilder builder = new AccountBuilder().agreeToTermsOfService().useKeyPair(keys);
                    config.contact().forEach(builder::addContact);
                    if (config.eabKeyId() != null) {
                        builder.withKeyIdentifier(config.eabKeyId(), config.eabHmacKey());
                    }
                    account = account.registered(builder.create(session).getLocation().toString());
                    store.putUpstreamAccount(account);
                }
                login = session.login(accountUrl(account), keys);
            }
            return login;
        }
    }

    private static java.net.URL accountUrl(UpstreamAccount account) throws AcmeException {
        try {
            return java.net.URI.create(account.accountUrl()).toURL();
        } catch (java.net.MalformedURLException | IllegalArgumentException e) {
            throw new AcmeException("the stored account URL is not a URL: " + account.accountUrl(), e);
        }
    }

    private UpstreamAccount newAccount() {
        KeyPair keys = switch (config.keyType()) {
            case "ec-p384" -> KeyPairUtils.createECKeyPair("secp384r1");
            case "rsa-2048" -> KeyPairUtils.createKeyPair(2048);
            default -> KeyPairUtils.createECKeyPair("secp256r1");
        };
        StringWriter pem = new StringWriter();
        try {
            KeyPairUtils.writeKeyPair(keys, pem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        UpstreamAccount account = new UpstreamAccount(config.name(), config.directory().toString(),
                secrets.seal(pem.toString().getBytes(StandardCharsets.US_ASCII), sealContext()), null, clock.instant());
        store.putUpstreamAccount(account);
        return account;
    }

    private KeyPair keyPair(UpstreamAccount account) {
        String pem = new String(secrets.open(account.sealedKeyPair(), sealContext()), StandardCharsets.US_ASCII);
        try {
            return KeyPairUtils.readKeyPair(new StringReader(pem));
        } catch (IOException e) {
            throw new UncheckedIOException("the stored key of upstream account " + config.name() + " is unreadable", e);
        }
    }

    private String sealContext() {
        return "upstream-account-key:" + config.name();
    }

    /**
     * Polls until the resource is final (valid or invalid), honouring the CA's Retry-After (RFC 8555 §7.5.1);
     * without one, from a quarter second doubling to three, rather than acme4j's fixed three seconds, which
     * would add up to three seconds to every client's wait.
     */
    private Status await(PollableResource resource, Instant deadline)
            throws AcmeException, InterruptedException, UpstreamException {
        Duration backoff = Duration.ofMillis(250);
        while (true) {
            Optional<Instant> retryAfter = resource.fetch();
            Status status = resource.getStatus();
            if (status == Status.VALID || status == Status.INVALID) {
                return status;
            }
            Instant now = clock.instant();
            if (!now.isBefore(deadline)) {
                throw new UpstreamException.Unavailable(name() + ": still " + status + " after the configured timeout "
                        + config.timeout(), null, null);
            }
            Duration wait = retryAfter.map(at -> Duration.between(now, at)).filter(d -> !d.isNegative())
                    .orElse(backoff);
            Duration left = Duration.between(now, deadline);
            Thread.sleep(Math.max(1, Math.min(wait.toMillis(), left.toMillis())));
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private static String pem(Certificate certificate) {
        StringWriter out = new StringWriter();
        try {
            certificate.writeCertificate(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static SSLContext trusting(AcmeUpstreamConfig config) {
        try {
            return TrustingAcmeProvider.trusting(config.trust());
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("upstream " + config.name() + ": cannot read trust " + config.trust()
                    + ": " + e.getMessage());
        }
    }
}
