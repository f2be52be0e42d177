package io.acmegate.gateway.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmegate.gateway.config.UpstreamsConfig;
import io.acmegate.gateway.model.CertificateTerms;
import io.acmegate.gateway.model.Identifier;
import io.acmegate.policy.CertificateProfile;
import io.acmegate.policy.CertificateProfiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The router UpstreamSetup builds: profiles mapped to an upstream make it a candidate, unmapped ones skip it. */
class UpstreamRoutingTest {
    @TempDir
    Path dir;

    @Test
    void aProfileMappedToAnUpstreamRoutesThereAndAnUnmappedOneOnlyWhereNoProfileIsNeeded() throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, """
                upstreams:
                  - {name: le, directory: "https://127.0.0.1:1/dir"}
                  - {name: local, type: local}
                """);
        CertificateProfiles profiles = CertificateProfiles.of(List.of(
                new CertificateProfile("classic", "90 days", Duration.ofDays(90), Map.of()),
                new CertificateProfile("shortlived", "6 days", Duration.ofDays(6), Map.of("le", "shortlived"))),
                "classic");
        UpstreamRouter router = UpstreamSetup.router(UpstreamsConfig.read(file), List.of("le", "local"), profiles,
                Clock.systemUTC());
        UpstreamRouter.Route shortlived = router.route(request("shortlived", Identifier.dns("a.example.com")));
        assertEquals(List.of("le", "local"), shortlived.candidates(), shortlived.toString());
        UpstreamRouter.Route classic = router.route(request("classic", Identifier.dns("a.example.com")));
        assertEquals(List.of("le", "local"), classic.candidates(), "no CA profile asked: every CA's default");
        UpstreamRouter.Route address = router.route(request("classic", Identifier.ip("192.0.2.1")));
        assertEquals(List.of("local"), address.candidates());
        assertTrue(address.skipped().get(0).reason().contains("IP"), address.skipped().toString());
    }

    private static UpstreamRequest request(String profile, Identifier identifier) {
        return new UpstreamRequest("o1", List.of(identifier), new byte[0], null,
                new CertificateTerms(profile, null, null));
    }
}
