package io.acmegate.gateway.cli;

/** A command line that cannot be run: the message is the one line shown to the user. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
