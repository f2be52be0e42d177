package io.acmegate.gateway.upstream.acme;

import io.acmegate.gateway.challenge.ChallengeBoard;
import io.acmegate.gateway.delegation.Delegations;
import io.acmegate.gateway.model.Delegation;
import io.acmegate.gateway.upstream.UpstreamException;
import io.acmegate.plugins.dns.DnsProvider;
import io.acmegate.plugins.dns.DnsProviderException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;

/**
 * Answers an upstream CA's challenge for one authorization, the way the name is set up: dns-01 under the
 * delegation label when the domain is CNAME-delegated to acmegate, http-01 through the HTTP-01 responder
 * (the site sends /.well-known/acme-challenge/ to acmegate). The answer is published on the challenge
 * board, so the responders serve it at once and a restart keeps it.
 */
final class ChallengeAnswerer {
    /** Long enough for any CA's validation; withdrawn as soon as the authorization is decided. */
    static final Duration ANSWER_LIFETIME = Duration.ofHours(1);

    private final Delegations delegations;
    private final ChallengeBoard board;
    private final List<DnsProvider> providers;

    ChallengeAnswerer(Delegations delegations, ChallengeBoard board, List<DnsProvider> providers) {
        this.delegations = delegations;
        this.board = board;
        this.providers = List.copyOf(providers);
    }

    /** A published answer: the challenge to trigger, and how to take the answer down again. */
    record Answer(Challenge challenge, Runnable withdraw) {
    }

    /**
     * @param allowed the challenge types the upstream account may use, in order of preference
     * @throws UpstreamException.ValidationFailed when no allowed challenge can be answered for this name
     */
    Answer answer(Authorization authorization, List<String> allowed) throws UpstreamException.ValidationFailed {
        String domain = authorization.getIdentifier().getDomain();
        for (String type : allowed) {
            Optional<Answer> answer = switch (type) {
                case Dns01Challenge.TYPE -> dns01(authorization, domain);
                case Http01Challenge.TYPE -> authorization.isWildcard() ? Optional.empty() : http01(authorization);
                default -> Optional.empty();
            };
            if (answer.isPresent()) {
                return answer.get();
            }
        }
        throw new UpstreamException.ValidationFailed("no way to prove control of " + domain + " with " + allowed
                + ": delegate it (acmegate delegation add " + domain + ") or send its /.well-known/acme-challenge/"
                + " to acmegate", null);
    }

    private Optional<Answer> dns01(Authorization authorization, String domain) throws UpstreamException.ValidationFailed {
        Optional<Dns01Challenge> challenge = authorization.findChallenge(Dns01Challenge.class);
        if (challenge.isEmpty()) {
            return Optional.empty();
        }
        String digest = challenge.get().getDigest();
        Optional<Delegation> delegation = delegations.forDomain(domain);
        if (delegation.isPresent()) {
            String name = delegations.zone().nameOf(delegation.get().label());
            board.publishTxt(name, digest, ANSWER_LIFETIME);
            return Optional.of(new Answer(challenge.get(), () -> board.withdrawTxt(name, digest)));
        }
        String recordName = challenge.get().getRRName(authorization.getIdentifier()).replaceAll("\\.$", "");
        for (DnsProvider provider : providers) {
            if (provider.covers(recordName)) {
                return Optional.of(viaProvider(provider, recordName, digest, challenge.get()));
            }
        }
        return Optional.empty();
    }

    /** Managed Challenges: the provider holds the zone's credentials; the client never does. */
    private static Answer viaProvider(DnsProvider provider, String recordName, String digest, Challenge challenge)
            throws UpstreamException.ValidationFailed {
        try {
            provider.publishTxt(recordName, digest, Duration.ofSeconds(60));
        } catch (DnsProviderException e) {
            throw new UpstreamException.ValidationFailed("DNS provider " + provider.name() + " could not publish "
                    + recordName + ": " + e.getMessage(), e);
        }
        return new Answer(challenge, () -> {
            try {
                provider.withdrawTxt(recordName, digest);
            } catch (DnsProviderException e) {
                java.util.logging.Logger.getLogger(ChallengeAnswerer.class.getName()).warning(
                        "DNS provider " + provider.name() + " could not withdraw " + recordName + ": " + e.getMessage());
            }
        });
    }

    private Optional<Answer> http01(Authorization authorization) {
        Optional<Http01Challenge> challenge = authorization.findChallenge(Http01Challenge.class);
        if (challenge.isEmpty()) {
            return Optional.empty();
        }
        String token = challenge.get().getToken();
        board.publishToken(token, challenge.get().getAuthorization(), ANSWER_LIFETIME);
        return Optional.of(new Answer(challenge.get(), () -> board.withdrawToken(token)));
    }
}
