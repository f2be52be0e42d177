package io.acmegate.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChallengePathTest {

    private static final String TOKEN = "LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0";

    @Test
    void originFormAbsoluteFormAndQueryAllNameTheToken() {
        assertEquals(Optional.of(TOKEN), ChallengePath.token("/.well-known/acme-challenge/" + TOKEN));
        assertEquals(Optional.of(TOKEN), ChallengePath.token("/.well-known/acme-challenge/" + TOKEN + "?a=b"));
        assertEquals(Optional.of(TOKEN), ChallengePath.token("http://shop.example.com/.well-known/acme-challenge/" + TOKEN));
        assertEquals(Optional.of("a-_Z9"), ChallengePath.token("/.well-known/acme-challenge/a-_Z9"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "", "*", "/.well-known/acme-challenge/", "/.well-known/acme-challenge/%2e%2e",
            "/.well-known/acme-challenge/a.b", "/.well-known/acme-challenge/a/b", "/.WELL-KNOWN/acme-challenge/abc",
            "/.well-known/acme-challenge/abc=", "http://host?/.well-known/acme-challenge/abc",
            "/x/.well-known/acme-challenge/abc", "/.well-known/acme-challenge/ab c"})
    void anythingElseNamesNoToken(String target) {
        assertEquals(Optional.empty(), ChallengePath.token(target));
    }

    @Test
    void tokenLengthIsBounded() {
        String prefix = "/.well-known/acme-challenge/";
        assertEquals(256, ChallengePath.token(prefix + "a".repeat(256)).orElseThrow().length());
        assertEquals(Optional.empty(), ChallengePath.token(prefix + "a".repeat(257)));
    }
}
