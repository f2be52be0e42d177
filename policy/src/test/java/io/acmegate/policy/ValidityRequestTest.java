package io.acmegate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValidityRequestTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Duration MAX = Duration.ofDays(90);
    private static final CertificateProfile SHORT = new CertificateProfile("shortlived", "6 days",
            Duration.ofDays(6), Map.of());

    private static Optional<String> check(Instant notBefore, Instant notAfter) {
        return ValidityRequest.check(notBefore, notAfter, NOW, MAX);
    }

    private static Instant inDays(long days) {
        return NOW.plus(Duration.ofDays(days));
    }

    @Test
    void acceptsNoRequestAndRequestsWithinTheRules() {
        assertEquals(Optional.empty(), check(null, null));
        assertEquals(Optional.empty(), check(null, inDays(90)));
        assertEquals(Optional.empty(), check(NOW.minus(Duration.ofHours(1)), inDays(90).minus(Duration.ofHours(1))));
        assertEquals(Optional.empty(), check(inDays(7), inDays(97)));
        assertEquals(Optional.empty(), check(inDays(3), null));
        assertEquals(Optional.empty(), check(null, NOW.plusSeconds(1)));
    }

    @Test
    void refusesNotAfterNotLaterThanNotBefore() {
        assertEquals(Optional.of("notAfter (2026-11-24T12:00:00Z) must be later than notBefore (2026-11-24T12:00:00Z)"),
                check(inDays(1), inDays(1)));
        assertEquals(Optional.of("notAfter (2026-11-24T12:00:00Z) must be later than notBefore (2026-11-25T12:00:00Z)"),
                check(inDays(2), inDays(1)));
    }

    @Test
    void refusesBackDatingBeyondAnHour() {
        assertEquals(Optional.of("notBefore (2026-11-23T10:59:59Z) is more than 1 hour in the past;"
                + " certificates are not back-dated beyond clock skew"),
                check(NOW.minus(Duration.ofHours(1)).minusSeconds(1), inDays(30)));
    }

    @Test
    void refusesStartsBeyondTheOrderLifetime() {
        assertEquals(Optional.of("notBefore (2026-11-30T12:00:01Z) is more than 7 days ahead;"
                + " the order would expire before the certificate could be issued"),
                check(inDays(7).plusSeconds(1), null));
    }

    @Test
    void refusesNotAfterInThePast() {
        assertEquals(Optional.of("notAfter (2026-11-23T12:00:00Z) is not in the future"), check(null, NOW));
        assertEquals(Optional.of("notAfter (2026-11-23T11:30:00Z) is not in the future"),
                check(NOW.minus(Duration.ofHours(1)), NOW.minus(Duration.ofMinutes(30))));
    }

    @Test
    void refusesValidityLongerThanAllowed() {
        assertEquals(Optional.of("the requested validity is 90 days 1 second; this gateway allows at most 90 days"),
                check(null, inDays(90).plusSeconds(1)));
        // Counted from notBefore, ahead or back-dated: the validity the certificate will carry.
        assertEquals(Optional.of("the requested validity is 91 days; this gateway allows at most 90 days"),
                check(inDays(1), inDays(92)));
        assertEquals(Optional.of("the requested validity is 90 days 30 minutes; this gateway allows at most 90 days"),
                check(NOW.minus(Duration.ofMinutes(30)), inDays(90)));
    }

    @Test
    void profileVersionNamesTheProfile() {
        assertEquals(Optional.of("the requested validity is 7 days; the profile 'shortlived' allows at most 6 days"),
                ValidityRequest.check(null, inDays(7), NOW, SHORT));
        assertEquals(Optional.empty(), ValidityRequest.check(null, inDays(6), NOW, SHORT));
    }

    @Test
    void lifetimeFillsInWhatWasNotRequested() {
        assertEquals(new ValidityRequest.Validity(NOW, inDays(90)),
                ValidityRequest.lifetime(null, null, NOW, MAX));
        assertEquals(new ValidityRequest.Validity(inDays(2), inDays(92)),
                ValidityRequest.lifetime(inDays(2), null, NOW, MAX));
        assertEquals(new ValidityRequest.Validity(NOW, inDays(10)),
                ValidityRequest.lifetime(null, inDays(10), NOW, MAX));
        ValidityRequest.Validity requested = ValidityRequest.lifetime(inDays(1), inDays(5), NOW, MAX);
        assertEquals(Duration.ofDays(4), requested.lifetime());
    }

    @Test
    void lifetimeRefusesAnEmptyValidity() {
        assertThrows(IllegalArgumentException.class, () -> ValidityRequest.lifetime(inDays(2), inDays(1), NOW, MAX));
        assertThrows(NullPointerException.class, () -> ValidityRequest.lifetime(null, null, null, MAX));
        assertThrows(NullPointerException.class, () -> ValidityRequest.check(null, null, NOW, (Duration) null));
    }
}
