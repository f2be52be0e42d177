package io.acmegate.gateway.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChallengeChecksTest {

    @Test
    void allHoldsTheThreeChecksByType() {
        var checks = ChallengeChecks.all(ValidationSettings.defaults());

        assertEquals(Set.of("http-01", "dns-01", "tls-alpn-01"), checks.keySet());
        checks.forEach((type, check) -> assertEquals(type, check.type()));
    }

    @Test
    void settingsRejectBadPortsAndTimeouts() {
        Duration second = Duration.ofSeconds(1);
        assertThrows(IllegalArgumentException.class, () -> new ValidationSettings(null, 0, 443, second));
        assertThrows(IllegalArgumentException.class, () -> new ValidationSettings(null, 80, 70000, second));
        assertThrows(IllegalArgumentException.class, () -> new ValidationSettings(null, 80, 443, Duration.ZERO));
    }

    @Test
    void identifiersThatAreNoHostNameOrAddressAreMalformed() {
        for (var check : ChallengeChecks.all(ValidationSettings.defaults()).values()) {
            for (String[] identifier : new String[][] {{"dns", "shop example"}, {"dns", "shop.example\r\nX: y"},
                    {"ip", "shop.example"}, {"ip", "300.1.1.1"}}) {
                var failure = assertThrows(ValidationFailure.class,
                        () -> check.check(identifier[0], identifier[1], "token", "token.thumbprint"));
                assertEquals("malformed", failure.type(), check.type() + " " + identifier[1]);
            }
        }
    }

    @Test
    void unknownIdentifierTypesAreMalformed() {
        var failure = assertThrows(ValidationFailure.class, () -> ChallengeChecks.http01(ValidationSettings.defaults())
                .check("email", "someone@example.com", "token", "token.thumbprint"));
        assertEquals("malformed", failure.type());
    }
}
