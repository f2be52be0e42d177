package io.acmegate.plugins.notify;

/**
 * A notifier gave up delivering an event. The message is one line for logs and status pages; it names the notifier,
 * the event and the last failure, and never holds a secret (a webhook URL can be one, so it is not quoted whole).
 */
public class NotifierException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotifierException(String message) {
        super(message);
    }

    public NotifierException(String message, Throwable cause) {
        super(message, cause);
    }
}
