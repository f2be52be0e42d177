package io.acmegate.plugins.dns;

/**
 * A DNS provider could not make a change. The message is one line for logs and status pages; it names the
 * provider, the change and the cause, and never holds a credential.
 *
 * <p>{@link #retryable()} tells the caller what to do next: a retryable failure (no answer in time, the server
 * unreachable, SERVFAIL) may pass later; a permanent one (the key rejected, the update refused, a name outside the
 * zone) needs an operator to change the configuration, so the caller should fall back to another way or give up.
 */
public class DnsProviderException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public DnsProviderException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public DnsProviderException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** A failure that may pass if the same change is tried again later. */
    public static DnsProviderException retryable(String message, Throwable cause) {
        return new DnsProviderException(message, true, cause);
    }

    /** A failure that will repeat until the configuration (key, zone, server ACL) changes. */
    public static DnsProviderException permanent(String message) {
        return new DnsProviderException(message, false);
    }

    /** Whether trying the same change again later may succeed. */
    public boolean retryable() {
        return retryable;
    }
}
