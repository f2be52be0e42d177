package io.acmegate.gateway.upstream;

import io.acmegate.gateway.ca.LocalCa;
import io.acmegate.gateway.config.UpstreamsConfig;
import io.acmegate.gateway.delegation.Delegations;
import io.acmegate.gateway.model.Identifier;
import io.acmegate.gateway.secrets.SecretBox;
import io.acmegate.gateway.store.Store;
import io.acmegate.gateway.upstream.acme.AcmeUpstream;
import io.acmegate.gateway.upstream.acme.AcmeUpstreamConfig;
import io.acmegate.plugins.dns.DnsProvider;
import io.acmegate.plugins.dns.DnsProviders;
import io.acmegate.policy.CaRouting;
import io.acmegate.policy.CertificateProfile;
import io.acmegate.policy.CertificateProfiles;
import io.acmegate.policy.OrderShape;
import io.acmegate.policy.RoutePlan;
import io.acmegate.policy.RouteRule;
import io.acmegate.policy.UpstreamCapabilities;
import io.acmegate.policy.ValidationFailures;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the configured upstreams and the fallback over them, routed by the policy module. */
public final class UpstreamSetup {
    private UpstreamSetup() {
    }

    /**
     * @param secrets the secret box, required as soon as one ACME upstream is configured (its account key
     *                is stored sealed); null otherwise
     */
    public static CaFallback fallback(UpstreamsConfig config, LocalCa ca, CertificateProfiles profiles, Store store,
                                      SecretBox secrets, Delegations delegations, ValidationFailures failures,
                                      Clock clock) {
        Map<String, Upstream> upstreams = new LinkedHashMap<>();
        if (config.local()) {
            upstreams.put(LocalCaUpstream.NAME, new LocalCaUpstream(ca, profiles, clock));
        }
        List<DnsProvider> providers = config.dnsProviders().stream().map(UpstreamSetup::provider).toList();
        for (AcmeUpstreamConfig acme : config.acme()) {
            if (secrets == null) {
                throw new IllegalArgumentException("upstream " + acme.name() + " needs the secret key that seals its"
                        + " account key: set ACMEGATE_SECRET_KEY or --secret-key-file (create one with"
                        + " 'acmegate secret-key'), kept outside the data directory");
            }
            upstreams.put(acme.name(), new AcmeUpstream(acme, store, secrets, delegations, providers, profiles, clock));
        }
        UpstreamRouter router = router(config, upstreams.keySet(), profiles, clock);
        return new CaFallback(upstreams, router, config.failuresBeforeCooldown(), config.cooldown(), failures, clock);
    }

    /**
     * Which upstreams may serve a request, in order (the configured routes), and why the others are skipped: names,
     * wildcards, addresses, and the CA profile the request's profile maps each upstream to.
     */
    static UpstreamRouter router(UpstreamsConfig config, java.util.Collection<String> upstreamNames,
                                 CertificateProfiles profiles, Clock clock) {
        Map<String, UpstreamCapabilities> capabilities = new LinkedHashMap<>();
        for (String name : upstreamNames) {
            UpstreamsConfig.Capabilities can = config.capabilitiesOf(name);
            // The local CA issues for addresses too; ACME CAs rarely do (Let's Encrypt only in short-lived profiles).
            // An upstream offers the CA profiles the gateway's profiles map to it.
            Set<String> offered = profiles.all().stream().flatMap(p -> p.upstreamProfile(name).stream())
                    .collect(java.util.stream.Collectors.toSet());
            capabilities.put(name, new UpstreamCapabilities(name, can.wildcards(), name.equals(LocalCaUpstream.NAME),
                    can.maxNames(), offered, null));
        }
        CaRouting routing = CaRouting.of(config.rules().stream()
                        .map(rule -> RouteRule.of(rule.names(), rule.upstreams())).toList(),
                config.defaultRoute(), capabilities);
        return request -> {
            CertificateProfile profile = profiles.orDefault(request.terms() == null ? null : request.terms().profile());
            List<String> names = request.identifiers().stream().filter(i -> !i.isIp()).map(Identifier::value).toList();
            int addresses = request.identifiers().size() - names.size();
            RoutePlan plan = routing.plan(new OrderShape(names, addresses, profile.name(), null), profile);
            return new UpstreamRouter.Route(plan.candidates(), plan.skipped().stream()
                    .map(s -> new CaAttempt(s.upstream(), clock.instant(), CaAttempt.Outcome.SKIPPED, s.reason()))
                    .toList());
        };
    }

    private static DnsProvider provider(UpstreamsConfig.DnsProviderConfig provider) {
        return DnsProviders.factory(provider.type())
                .orElseThrow(() -> new IllegalArgumentException("dns-providers: no plugin of type '" + provider.type()
                        + "' (available: " + DnsProviders.types() + ")"))
                .create(provider.name(), provider.settings());
    }

}
