package io.acmegate.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code acmegate audit --name NAME} printed about one name while the gateway runs: one line per upstream
 * attempt, issuance or refusal, newest first, its fields separated by two spaces (time, kind, outcome, upstream,
 * names, reason), as AuditCommand prints them.
 */
record AuditTrail(String name, List<Line> lines, ToolRun run) {

    /** One printed event. */
    record Line(Instant at, String kind, String outcome, String upstream, String names, String reason) {
    }

    /** Runs {@code acmegate audit --name NAME} against the running gateway and parses what it printed. */
    static AuditTrail read(GatewayProcess gateway, String name) {
        ToolRun run = gateway.cli("audit", "--name", name).assertSucceeded();
        List<Line> lines = new ArrayList<>();
        for (String line : run.output().lines().filter(l -> !l.isBlank()).toList()) {
            String[] fields = line.split(" {2}", 6);
            if (fields.length < 5) {
                fail(run.describe("printed a line that is not an audit event: '" + line + "'"));
            }
            try {
                lines.add(new Line(Instant.parse(fields[0]), fields[1], fields[2], fields[3], fields[4],
                        fields.length == 6 ? fields[5] : ""));
            } catch (DateTimeParseException e) {
                fail(run.describe("printed a line that does not start with a time: '" + line + "'"));
            }
        }
        return new AuditTrail(name, List.copyOf(lines), run);
    }

    /**
     * Asserts that the only order for the name failed at {@code failed} with a reason containing {@code reason}
     * and was then issued by {@code issuer}, and nothing else: one failed attempt, one issuance, in that order.
     *
     * @return the failed attempt
     */
    Line assertFellBack(String failed, String issuer, String reason) {
        assertEquals(2, lines.size(), describe("expected the failed attempt at " + failed + " and the issuance by "
                + issuer));
        Line issued = lines.get(0);
        Line attempt = lines.get(1);
        assertEquals(List.of("upstream-attempt", "failed", failed), List.of(attempt.kind(), attempt.outcome(),
                attempt.upstream()), describe("the older line: kind, outcome, upstream"));
        assertTrue(attempt.reason().contains(reason), describe("the failed attempt's reason must name '" + reason
                + "'"));
        assertIssued(issued, issuer);
        assertFalse(issued.at().isBefore(attempt.at()), describe("the issuance must come after the failed attempt"));
        return attempt;
    }

    /** Asserts that the only order for the name was issued by {@code issuer} at the first attempt. */
    void assertIssuedAtFirstAttempt(String issuer) {
        assertEquals(1, lines.size(), describe("expected only the issuance by " + issuer));
        assertIssued(lines.get(0), issuer);
    }

    private void assertIssued(Line line, String issuer) {
        assertEquals(List.of("issued", "issued", issuer, "[\"" + name + "\"]"),
                List.of(line.kind(), line.outcome(), line.upstream(), line.names()),
                describe("the issuance line: kind, outcome, upstream, names"));
    }

    private String describe(String what) {
        return run.describe("audit of " + name + ": " + what);
    }
}
