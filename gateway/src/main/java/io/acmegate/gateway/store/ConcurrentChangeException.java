package io.acmegate.gateway.store;

/** A conditional write found the record changed since it was read; the caller may read again and retry. */
public final class ConcurrentChangeException extends RuntimeException {
    public ConcurrentChangeException(String message) {
        super(message, null, false, false);
    }
}
