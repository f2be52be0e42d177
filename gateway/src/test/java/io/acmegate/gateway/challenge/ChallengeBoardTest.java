package io.acmegate.gateway.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmegate.gateway.TestClock;
import io.acmegate.gateway.store.MapDbStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChallengeBoardTest {
    @TempDir
    Path dir;

    @Test
    void severalValuesShareANameAndEachIsWithdrawnAlone() {
        try (MapDbStore store = MapDbStore.open(dir.resolve("s.mapdb"))) {
            ChallengeBoard board = new ChallengeBoard(store, Clock.systemUTC());
            board.publishTxt("ABC.acme.gateway.test.", "v1", Duration.ofMinutes(5));
            board.publishTxt("abc.acme.gateway.test", "v2", Duration.ofMinutes(5));
            assertEquals(Set.of("v1", "v2"), new HashSet<>(board.txt("abc.ACME.gateway.test")));
            board.withdrawTxt("abc.acme.gateway.test", "v1");
            assertEquals(List.of("v2"), board.txt("abc.acme.gateway.test"));
            board.withdrawTxt("abc.acme.gateway.test", "v2");
            assertEquals(List.of(), board.txt("abc.acme.gateway.test"));
        }
    }

    @Test
    void whatIsPendingSurvivesARestart() {
        Path file = dir.resolve("s.mapdb");
        try (MapDbStore store = MapDbStore.open(file)) {
            ChallengeBoard board = new ChallengeBoard(store, Clock.systemUTC());
            board.publishTxt("x.acme.gateway.test", "v1", Duration.ofMinutes(5));
            board.publishToken("tok", "tok.thumb", Duration.ofMinutes(5));
        }
        try (MapDbStore store = MapDbStore.open(file)) {
            ChallengeBoard board = new ChallengeBoard(store, Clock.systemUTC());
            assertEquals(List.of("v1"), board.txt("x.acme.gateway.test"));
            assertEquals(Optional.of("tok.thumb"), board.keyAuthorization("tok"));
        }
    }

    @Test
    void expiredRecordsAreNotServedAndAreSwept() {
        TestClock clock = new TestClock();
        try (MapDbStore store = MapDbStore.open(dir.resolve("s.mapdb"))) {
            ChallengeBoard board = new ChallengeBoard(store, clock);
            board.publishTxt("x.acme.gateway.test", "short", Duration.ofMinutes(1));
            board.publishTxt("x.acme.gateway.test", "long", Duration.ofMinutes(10));
            board.publishToken("tok", "tok.thumb", Duration.ofMinutes(1));
            clock.now = clock.now.plus(Duration.ofMinutes(2));
            assertEquals(List.of("long"), board.txt("x.acme.gateway.test"));
            assertTrue(board.keyAuthorization("tok").isEmpty());
            assertEquals(2, board.sweep());
            assertEquals(1, store.publishedChallenges().size());
        }
    }
}
