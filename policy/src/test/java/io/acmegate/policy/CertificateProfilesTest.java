package io.acmegate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CertificateProfilesTest {
    private static final CertificateProfile CLASSIC = new CertificateProfile("classic", "90-day certificates",
            Duration.ofDays(90), Map.of("letsencrypt", "classic"));
    private static final CertificateProfile SHORT = new CertificateProfile("shortlived", "6-day certificates",
            Duration.ofDays(6), Map.of("letsencrypt", "shortlived", "step", "short-template"));

    private static String refusal(Runnable build) {
        String message = assertThrows(IllegalArgumentException.class, build::run).getMessage();
        assertTrue(!message.contains("\n"), message);
        return message;
    }

    @Test
    void findsProfilesByNameAndKeepsConfigOrder() {
        CertificateProfiles profiles = CertificateProfiles.of(List.of(SHORT, CLASSIC), "classic");
        assertEquals(List.of(SHORT, CLASSIC), profiles.all());
        assertSame(CLASSIC, profiles.defaultProfile());
        assertEquals(Optional.of(SHORT), profiles.find("shortlived"));
        assertEquals(Optional.empty(), profiles.find("tlsserver"));
        assertEquals(Optional.empty(), profiles.find("Classic"));
        assertEquals(List.of("shortlived", "classic"), List.copyOf(profiles.descriptions().keySet()));
        assertEquals("6-day certificates", profiles.descriptions().get("shortlived"));
        assertThrows(UnsupportedOperationException.class, () -> profiles.all().add(CLASSIC));
        assertThrows(UnsupportedOperationException.class, () -> profiles.descriptions().put("x", "y"));
    }

    @Test
    void mapsEachUpstreamToItsProfileAndOthersToNone() {
        assertEquals(Optional.of("short-template"), SHORT.upstreamProfile("step"));
        assertEquals(Optional.of("shortlived"), SHORT.upstreamProfile("letsencrypt"));
        assertEquals(Optional.empty(), SHORT.upstreamProfile("zerossl"));
    }

    @Test
    void upstreamMapIsCopied() {
        Map<String, String> map = new HashMap<>(Map.of("letsencrypt", "classic"));
        CertificateProfile profile = new CertificateProfile("p", "d", Duration.ofDays(1), map);
        map.put("zerossl", "x");
        assertEquals(Optional.empty(), profile.upstreamProfile("zerossl"));
    }

    @Test
    void singleIsTheLocalClassicProfile() {
        CertificateProfiles single = CertificateProfiles.single(Duration.ofDays(30));
        CertificateProfile classic = single.defaultProfile();
        assertEquals("classic", classic.name());
        assertEquals("the local CA's default certificate", classic.description());
        assertEquals(Duration.ofDays(30), classic.lifetime());
        assertEquals(Map.of(), classic.upstreamProfiles());
        assertEquals(List.of(classic), single.all());
        assertEquals(Optional.of(classic), single.find("classic"));
        assertThrows(IllegalArgumentException.class, () -> CertificateProfiles.single(Duration.ofSeconds(9)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Classic", "short_lived", "short lived", "é",
        "a1234567890123456789012345678901234567890123456789012345678901234"})
    void refusesBadNames(String name) {
        assertEquals("certificate profile name \"" + DnsNameSyntax.printable(name)
                + "\" is not valid: use 1 to 64 characters of a-z, 0-9 and \"-\"",
                refusal(() -> new CertificateProfile(name, "d", Duration.ofDays(1), Map.of())));
    }

    @Test
    void acceptsNamesAtTheLimits() {
        new CertificateProfile("a", "d", Duration.ofDays(1), Map.of());
        new CertificateProfile("a".repeat(64), "d", Duration.ofDays(1), Map.of());
        new CertificateProfile("tls-server-2", "d", Duration.ofMinutes(1), Map.of());
        new CertificateProfile("long", "d", Duration.ofDays(398), Map.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "two\nlines"})
    void refusesBadDescriptions(String description) {
        assertEquals("certificate profile \"p\": the description must be one line, not blank",
                refusal(() -> new CertificateProfile("p", description, Duration.ofDays(1), Map.of())));
    }

    @Test
    void refusesLifetimesOutOfRange() {
        assertEquals("certificate profile \"p\": the lifetime must be between 10 seconds and 398 days, not PT9S",
                refusal(() -> new CertificateProfile("p", "d", Duration.ofSeconds(9), Map.of())));
        assertTrue(refusal(() -> new CertificateProfile("p", "d", Duration.ofDays(398).plusSeconds(1), Map.of()))
                .startsWith("certificate profile \"p\": the lifetime must be between"));
        assertTrue(refusal(() -> new CertificateProfile("p", "d", Duration.ofDays(-1), Map.of()))
                .startsWith("certificate profile \"p\": the lifetime must be between"));
    }

    @Test
    void refusesBlankUpstreamMappings() {
        assertEquals("certificate profile \"p\": an upstream profile mapping has a blank name",
                refusal(() -> new CertificateProfile("p", "d", Duration.ofDays(1), Map.of("letsencrypt", " "))));
        assertEquals("certificate profile \"p\": an upstream profile mapping has a blank name",
                refusal(() -> new CertificateProfile("p", "d", Duration.ofDays(1), Map.of("", "classic"))));
    }

    @Test
    void refusesBadSets() {
        assertEquals("no certificate profiles are configured", refusal(() -> CertificateProfiles.of(List.of(), "x")));
        assertEquals("certificate profile \"classic\" is configured twice",
                refusal(() -> CertificateProfiles.of(List.of(CLASSIC, SHORT, CLASSIC), "classic")));
        assertEquals("the default certificate profile \"tlsserver\" is not configured (known: [classic, shortlived])",
                refusal(() -> CertificateProfiles.of(List.of(CLASSIC, SHORT), "tlsserver")));
    }

    @Test
    void refusesNulls() {
        assertThrows(NullPointerException.class, () -> CertificateProfiles.of(List.of(CLASSIC), null));
        assertThrows(NullPointerException.class, () -> CertificateProfiles.of(null, "classic"));
        assertThrows(NullPointerException.class, () -> new CertificateProfile("p", "d", null, Map.of()));
        assertThrows(NullPointerException.class, () -> CertificateProfiles.single(Duration.ofDays(1)).find(null));
    }
}
