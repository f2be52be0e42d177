package io.acmegate.gateway.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.acmegate.gateway.acme.problem.Problems;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 8555 §7.1.6: the order state machine allows exactly the transitions of the RFC's diagram. */
class OrderStateMachineTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private static Order order(OrderStatus status) {
        return new Order("o1", "a1", status, NOW.plusSeconds(3600), List.of(Identifier.dns("a.example.test")),
                List.of("z1"), null, null, null, NOW, null, null, null);
    }

    @Test
    void allowedTransitionsAreExactlyThoseOfTheRfc() {
        assertEquals(EnumSet.of(OrderStatus.READY, OrderStatus.INVALID), OrderStatus.PENDING.next());
        assertEquals(EnumSet.of(OrderStatus.PROCESSING, OrderStatus.INVALID), OrderStatus.READY.next());
        assertEquals(EnumSet.of(OrderStatus.VALID, OrderStatus.INVALID), OrderStatus.PROCESSING.next());
        assertTrue(OrderStatus.VALID.isFinal());
        assertTrue(OrderStatus.INVALID.isFinal());
    }

    @Test
    void happyPathCarriesCsrAndCertificate() {
        byte[] csr = {1, 2, 3};
        Order processing = order(OrderStatus.PENDING).moveTo(OrderStatus.READY).processing(csr);
        assertEquals(OrderStatus.PROCESSING, processing.status());
        assertEquals(csr, processing.csr());
        Order valid = processing.valid("c1");
        assertEquals(OrderStatus.VALID, valid.status());
        assertEquals("c1", valid.certificateId());
        assertNull(valid.error());
    }

    @Test
    void skippingOrReversingIsRefused() {
        assertThrows(IllegalStateException.class, () -> order(OrderStatus.PENDING).processing(new byte[0]));
        assertThrows(IllegalStateException.class, () -> order(OrderStatus.READY).valid("c1"));
        assertThrows(IllegalStateException.class, () -> order(OrderStatus.VALID).moveTo(OrderStatus.PROCESSING));
        assertThrows(IllegalStateException.class,
                () -> order(OrderStatus.INVALID).moveTo(OrderStatus.READY));
    }

    @Test
    void invalidKeepsTheReason() {
        Order invalid = order(OrderStatus.PROCESSING).invalid(Problems.serverInternal("boom").problem());
        assertEquals(OrderStatus.INVALID, invalid.status());
        assertNotNull(invalid.error());
        assertEquals("boom", invalid.error().detail());
    }

    @Test
    void onlyUnfinishedOrdersExpire() {
        Instant later = NOW.plusSeconds(7200);
        assertTrue(order(OrderStatus.PENDING).expiredAt(later));
        assertTrue(order(OrderStatus.READY).expiredAt(later));
        assertFalse(order(OrderStatus.PROCESSING).expiredAt(later));
        assertFalse(order(OrderStatus.VALID).expiredAt(later));
        assertFalse(order(OrderStatus.READY).expiredAt(NOW));
    }
}
