package io.acmegate.gateway.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.acmegate.gateway.model.Lineage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineageStateTest {
    private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Lineage NINETY_DAYS = TestLineages.issued("a", List.of("x.test"), "1", ISSUED,
            Duration.ofDays(90));

    private static LineageState at(Lineage lineage, long days) {
        return LineageState.of(lineage, ISSUED.plus(Duration.ofDays(days)));
    }

    @Test
    void theDefaultWindowMakesA90DayCertificateDueAtDay60AndOverdueAtDay75() {
        assertEquals(LineageState.OK, at(NINETY_DAYS, 59));
        assertEquals(LineageState.RENEWAL_DUE, at(NINETY_DAYS, 60));
        assertEquals(LineageState.RENEWAL_DUE, at(NINETY_DAYS, 74));
        assertEquals(LineageState.OVERDUE, at(NINETY_DAYS, 75));
        assertEquals(LineageState.EXPIRED, at(NINETY_DAYS, 90));
    }

    @Test
    void aFailureCountsOnlyUntilTheNextCertificate() {
        Lineage failedAfter = withFailure(NINETY_DAYS, ISSUED.plus(Duration.ofDays(61)));
        assertEquals(LineageState.FAILING, at(failedAfter, 62));
        Lineage failedBefore = withFailure(NINETY_DAYS, ISSUED.minusSeconds(1));
        assertEquals(LineageState.OK, at(failedBefore, 1), "a failure before the current certificate is history");
        assertEquals(LineageState.EXPIRED, at(failedAfter, 91), "expiry outranks failing");
    }

    @Test
    void revokedOutranksEverythingAndALineageWithoutCertificateIsFailing() {
        Lineage revoked = new Lineage(1, NINETY_DAYS.client(), NINETY_DAYS.names(), NINETY_DAYS.source(),
                NINETY_DAYS.current().asRevoked(), NINETY_DAYS.window(), null, null, null, null, null, null, ISSUED);
        assertEquals(LineageState.REVOKED, at(revoked, 100));
        Lineage neverIssued = new Lineage(1, NINETY_DAYS.client(), NINETY_DAYS.names(), NINETY_DAYS.source(), null,
                null, null, new Lineage.Failure(ISSUED, "refused"), null, null, null, null, ISSUED);
        assertEquals(LineageState.FAILING, at(neverIssued, 0));
    }

    @Test
    void aReissueWindowMakesTheLineageOverdueAtOnce() {
        Instant requested = ISSUED.plus(Duration.ofDays(10));
        Lineage marked = new Lineage(1, NINETY_DAYS.client(), NINETY_DAYS.names(), NINETY_DAYS.source(),
                NINETY_DAYS.current(), RenewalWindows.reissue(requested), requested, null, null, null, null, null,
                ISSUED);
        assertEquals(LineageState.OVERDUE, LineageState.of(marked, requested));
    }

    @Test
    void labelsRoundTrip() {
        for (LineageState state : LineageState.values()) {
            assertEquals(state, LineageState.byLabel(state.label()).orElseThrow());
        }
        assertEquals("renewal-due", LineageState.RENEWAL_DUE.label());
    }

    static Lineage withFailure(Lineage l, Instant at) {
        return new Lineage(l.id(), l.client(), l.names(), l.source(), l.current(), l.window(), l.reissueAt(),
                new Lineage.Failure(at, "upstream said no"), l.notified(), l.previousSerials(), l.endpoints(),
                l.deployment(), l.updatedAt());
    }
}
