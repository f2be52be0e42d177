package io.acmegate.gateway.model;

import io.acmegate.gateway.acme.problem.Problem;
import java.time.Instant;

/**
 * A challenge of an authorization (RFC 8555 §7.1.5, §8): the client proves control of the identifier by answering
 * it; acmegate validates it.
 *
 * @param type      http-01, dns-01 or tls-alpn-01
 * @param token     128 random bits, base64url (§8.1: at least 128 bits of entropy)
 * @param validated when it became valid, else null
 * @param error     why it became invalid, else null (§7.1.5: recorded in the challenge)
 */
public record Challenge(String type, String token, ChallengeStatus status, Instant validated, Problem error) {
    public Challenge processing() {
        return new Challenge(type, token, ChallengeStatus.PROCESSING, null, null);
    }

    public Challenge valid(Instant at) {
        return new Challenge(type, token, ChallengeStatus.VALID, at, null);
    }

    public Challenge invalid(Problem why) {
        return new Challenge(type, token, ChallengeStatus.INVALID, null, why);
    }
}
