package io.acmegate.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The responder as a CA's validator sees it, driven by the real curl binary over loopback. */
class Http01ResponderCurlTest {

    private final Tokens tokens = new Tokens();
    private Http01Responder responder;
    private String base;

    @BeforeEach
    void start() {
        responder = Http01Responder.start(
                HttpResponderConfig.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), tokens);
        base = "http://127.0.0.1:" + responder.address().getPort();
    }

    @AfterEach
    void stop() {
        responder.close();
    }

    private String challengeUrl(String token) {
        return base + ChallengePath.PREFIX + token;
    }

    @Test
    void publishedTokenAnswers200WithExactlyTheKeyAuthorization() {
        String token = tokens.publishNew();

        Curl.Result result = Curl.run("-sS", "-i", challengeUrl(token));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(200, result.lastStatus());
        assertEquals(tokens.keyAuthorizationOf(token), result.lastBody());
        assertEquals("text/plain", result.lastHeader("Content-Type"));
        assertEquals(String.valueOf(tokens.keyAuthorizationOf(token).length()), result.lastHeader("Content-Length"));
        assertEquals("no-store", result.lastHeader("Cache-Control"));
    }

    @Test
    void hostHeaderAndQueryStringAreIgnored() {
        String token = tokens.publishNew();

        Curl.Result result = Curl.run("-sS", "-i", "-H", "Host: shop.example.com", challengeUrl(token) + "?from=redirect");

        assertEquals(200, result.lastStatus());
        assertEquals(tokens.keyAuthorizationOf(token), result.lastBody());
    }

    @Test
    void unknownTokenAnswers404() {
        tokens.publishNew();

        Curl.Result result = Curl.run("-sS", "-i", challengeUrl(Tokens.newToken()));

        assertEquals(404, result.lastStatus());
        assertEquals("not found\n", result.lastBody());
    }

    @ParameterizedTest
    @ValueSource(strings = {"%2e%2e", "a.b", "..", "../../etc/passwd", "abc/def", "abc%41", "", "abc;x", "ab+c", "ab=="})
    void targetsThatAreNotABase64UrlTokenAnswer404(String suffix) {
        // Even when the characters around the odd ones spell a published token, nothing is served.
        tokens.publish("abc", "abc.thumbprint");
        tokens.publish("a", "a.thumbprint");
        tokens.publish("ab", "ab.thumbprint");

        Curl.Result result = Curl.run("-sS", "-i", "--path-as-is", challengeUrl(suffix));

        assertEquals(404, result.lastStatus(), suffix);
    }

    @Test
    void tokenLongerThan256CharactersAnswers404() {
        String longToken = "A".repeat(ChallengePath.MAX_TOKEN_LENGTH + 1);
        tokens.publish(longToken, longToken + ".x");

        assertEquals(404, Curl.run("-sS", "-i", challengeUrl(longToken)).lastStatus());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.html", "/.well-known/acme-challenge", "/.well-known/acme-challenge/",
            "/.well-known/other/abc", "//.well-known/acme-challenge/abc"})
    void otherPathsAnswer404WithAShortBody(String path) {
        tokens.publish("abc", "abc.thumbprint");

        Curl.Result result = Curl.run("-sS", "-i", "--path-as-is", base + path);

        assertEquals(404, result.lastStatus(), path);
        assertEquals("not found\n", result.lastBody());
    }

    @Test
    void headAnswersTheHeadersOfGetWithoutABody() {
        String token = tokens.publishNew();

        Curl.Result result = Curl.run("-sS", "-I", challengeUrl(token));

        assertEquals(200, result.lastStatus());
        assertEquals(String.valueOf(tokens.keyAuthorizationOf(token).length()), result.lastHeader("Content-Length"));
        assertEquals("text/plain", result.lastHeader("Content-Type"));
        assertEquals("", result.lastBody());
    }

    @Test
    void postAnswers405WithAllow() {
        String token = tokens.publishNew();

        Curl.Result result = Curl.run("-sS", "-i", "-X", "POST", "--data", "x=1", challengeUrl(token));

        assertEquals(405, result.lastStatus());
        assertEquals("GET, HEAD", result.lastHeader("Allow"));
    }

    @Test
    void twoUrlsOnOneCommandLineShareOneConnection() {
        String first = tokens.publishNew();
        String second = tokens.publishNew();

        Curl.Result result = Curl.run("-sS", "-v", challengeUrl(first), challengeUrl(second));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(tokens.keyAuthorizationOf(first) + tokens.keyAuthorizationOf(second), result.stdout());
        assertTrue(result.stderr().matches("(?s).*Re-?using existing.*connection.*"), result.stderr());
        assertEquals(1, responder.acceptedConnections());
    }

    @Test
    void http10WithoutKeepAliveClosesAfterEachResponse() {
        String token = tokens.publishNew();

        Curl.Result result = Curl.run("-sS", "-i", "--http1.0", challengeUrl(token), challengeUrl(token));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(200, result.lastStatus());
        assertTrue(result.stdout().startsWith("HTTP/1.0 200"), result.stdout());
        assertEquals("close", result.lastHeader("Connection"));
        assertEquals(tokens.keyAuthorizationOf(token), result.lastBody());
        assertEquals(2, responder.acceptedConnections());
    }

    @Test
    void oversizedHeaderAnswers431AndCloses() {
        String token = tokens.publishNew();

        Curl.Result result = Curl.run("-sS", "-i", "-H", "X-Padding: " + "p".repeat(9 * 1024), challengeUrl(token));

        assertEquals(431, result.lastStatus());
        assertEquals("close", result.lastHeader("Connection"));
    }

    @Test
    void bodyOnGetAnswers400() {
        String token = tokens.publishNew();

        Curl.Result result = Curl.run("-sS", "-i", "-X", "GET", "--data", "unexpected", challengeUrl(token));

        assertEquals(400, result.lastStatus());
        assertNull(result.lastHeader("Allow"));
    }
}
