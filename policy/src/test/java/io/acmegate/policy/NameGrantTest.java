package io.acmegate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameGrantTest {

    @Test
    void noneCoversNothing() {
        assertTrue(NameGrant.none().isEmpty());
        assertFalse(NameGrant.none().covers("example.com"));
        assertFalse(NameGrant.none().covers("host.test"));
    }

    @Test
    void coversWhatAnyOfItsPatternsMatches() {
        NameGrant grant = NameGrant.parse(List.of("example.com", "*.example.com", "api.example.org"));
        assertFalse(grant.isEmpty());
        assertTrue(grant.covers("example.com"));
        assertTrue(grant.covers("www.example.com"));
        assertTrue(grant.covers("*.example.com"));
        assertTrue(grant.covers("api.example.org"));
        assertFalse(grant.covers("www.example.org"));
        assertFalse(grant.covers("example.org"));
    }

    @Test
    void parseNamesTheBadPattern() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NameGrant.parse(List.of("example.com", "*.com")));
        assertTrue(e.getMessage().contains("\"*.com\""), e.getMessage());
    }

    @Test
    void isImmutableAndDetachedFromTheCallersList() {
        List<NamePattern> patterns = new ArrayList<>(List.of(NamePattern.parse("a.example.com")));
        NameGrant grant = new NameGrant(patterns);
        patterns.add(NamePattern.parse("b.example.com"));
        assertEquals(1, grant.patterns().size());
        assertFalse(grant.covers("b.example.com"));
        assertThrows(UnsupportedOperationException.class,
                () -> grant.patterns().add(NamePattern.parse("c.example.com")));
    }
}
