package io.acmegate.gateway.validation;

/** Pieces of failure details: what a server sent, made safe for a one-line message. */
final class Details {
    private static final int MAX_EXCERPT = 100;

    private Details() {
    }

    /** The first 100 characters of {@code received}, quoted, each character outside printable ASCII as '?'. */
    static String excerpt(String received) {
        StringBuilder out = new StringBuilder("\"");
        int end = Math.min(received.length(), MAX_EXCERPT);
        for (int i = 0; i < end; i++) {
            char c = received.charAt(i);
            out.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        out.append('"');
        if (received.length() > MAX_EXCERPT) {
            out.append("...");
        }
        return out.toString();
    }

    /** The message of {@code e}, or its class name when it has none. */
    static String reason(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
