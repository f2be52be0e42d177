package io.acmegate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamePatternTest {

    private static String parseFailure(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NamePattern.parse(text));
        assertFalse(e.getMessage().contains("\n"), "message must be one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void exactPatternMatchesOnlyThatName() {
        NamePattern pattern = NamePattern.parse("api.example.com");
        assertFalse(pattern.subtree());
        assertEquals("api.example.com", pattern.base());
        assertTrue(pattern.matches("api.example.com"));
        assertFalse(pattern.matches("example.com"));
        assertFalse(pattern.matches("x.api.example.com"));
        assertFalse(pattern.matches("*.api.example.com"));
        assertFalse(pattern.matches("api.example.co"));
        assertFalse(pattern.matches("api.example.com.evil.net"));
    }

    @Test
    void subtreePatternMatchesNamesAtAnyDepthBelowItsBase() {
        NamePattern pattern = NamePattern.parse("*.example.com");
        assertTrue(pattern.subtree());
        assertEquals("example.com", pattern.base());
        assertTrue(pattern.matches("a.example.com"));
        assertTrue(pattern.matches("a.b.example.com"));
        assertTrue(pattern.matches("x.y.z.example.com"));
    }

    @Test
    void subtreePatternMatchesTheWildcardNameItself() {
        assertTrue(NamePattern.parse("*.example.com").matches("*.example.com"));
    }

    @Test
    void subtreePatternMatchesDeeperWildcards() {
        NamePattern pattern = NamePattern.parse("*.example.com");
        assertTrue(pattern.matches("*.a.example.com"));
        assertTrue(pattern.matches("*.a.b.example.com"));
    }

    @Test
    void subtreePatternDoesNotMatchItsBase() {
        assertFalse(NamePattern.parse("*.example.com").matches("example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"badexample.com", "example.com.evil.net", "example.org", "com", "", "xexample.com",
        "*.com", "a.example.co"})
    void subtreePatternDoesNotMatchOtherNames(String name) {
        assertFalse(NamePattern.parse("*.example.com").matches(name));
    }

    @Test
    void deeperSubtreeDoesNotMatchItsParentOrSiblings() {
        NamePattern pattern = NamePattern.parse("*.a.example.com");
        assertTrue(pattern.matches("b.a.example.com"));
        assertTrue(pattern.matches("*.a.example.com"));
        assertFalse(pattern.matches("a.example.com"));
        assertFalse(pattern.matches("*.example.com"));
        assertFalse(pattern.matches("b.example.com"));
    }

    @Test
    void parsingAndMatchingIgnoreCase() {
        NamePattern pattern = NamePattern.parse("*.Example.COM");
        assertEquals(NamePattern.parse("*.example.com"), pattern);
        assertTrue(pattern.matches("Api.EXAMPLE.com"));
    }

    @Test
    void toStringGivesTheTextBack() {
        assertEquals("*.example.com", NamePattern.parse("*.example.com").toString());
        assertEquals("api.example.com", NamePattern.parse("api.example.com").toString());
    }

    @Test
    void rejectsEmptyPattern() {
        assertEquals("name pattern is empty", parseFailure(""));
    }

    @Test
    void rejectsLoneStar() {
        assertTrue(parseFailure("*").contains("must be followed by a domain"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*.com", "*.test", "*.COM"})
    void rejectsSubtreeOfABareTopLevelDomainAsTooBroad(String text) {
        String message = parseFailure(text);
        assertTrue(message.contains("too broad"), message);
        assertTrue(message.contains("whole top-level domain"), message);
    }

    @Test
    void rejectsStarInsideTheName() {
        String message = parseFailure("a.*.b");
        assertTrue(message.startsWith("name pattern \"a.*.b\" is not valid: "), message);
        assertTrue(message.contains("leftmost label"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"**.x", "**.example.com", "*.*.example.com", "*example.com"})
    void rejectsMalformedWildcards(String text) {
        assertTrue(parseFailure(text).contains("leftmost label"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"com", "example.com.", "a_b.example.com", "192.0.2.1", "::1", "*.", "*.192.0.2.1",
        " example.com", "-a.example.com", "example..com"})
    void rejectsPatternsThatAreNotValidNames(String text) {
        assertTrue(parseFailure(text).contains("is not valid: "));
    }

    @Test
    void constructorEnforcesTheSameRules() {
        assertThrows(IllegalArgumentException.class, () -> new NamePattern("com", true));
        assertThrows(IllegalArgumentException.class, () -> new NamePattern("*.example.com", false));
        assertThrows(IllegalArgumentException.class, () -> new NamePattern("Example.com", false));
        assertThrows(NullPointerException.class, () -> new NamePattern(null, false));
        assertEquals(NamePattern.parse("*.example.com"), new NamePattern("example.com", true));
    }

    @Test
    void parseRejectsNull() {
        assertThrows(NullPointerException.class, () -> NamePattern.parse(null));
    }
}
