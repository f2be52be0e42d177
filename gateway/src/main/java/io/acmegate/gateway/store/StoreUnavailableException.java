package io.acmegate.gateway.store;

/** The store cannot be opened: in use by another process, or its directory cannot be created. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message) {
        super(message);
    }
}
