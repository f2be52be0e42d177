package io.acmegate.gateway.validation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * One HTTP/1.1 GET over a connection the caller opened, with the Host header set to the name being validated
 * rather than the address connected to (which the JDK's HttpClient cannot do). Bounded: the whole exchange ends
 * within the timeout, the header section within 16 KiB and the body is read up to 8 KiB at most, so a hostile
 * server can neither hold a validation nor fill memory.
 */
final class MinimalHttpClient {
    static final String USER_AGENT = "acmegate-validation/1";
    static final int MAX_BODY = 8 * 1024;
    static final int MAX_HEADER_SECTION = 16 * 1024;

    /** The parts of a response that validation looks at. {@code location} is null when absent. */
    record Response(int status, String location, byte[] body) {
    }

    /** The response's shape was not HTTP/1.x. */
    static final class NotHttpException extends IOException {
        private static final long serialVersionUID = 1L;

        NotHttpException(String message) {
            super(message);
        }
    }

    private MinimalHttpClient() {
    }

    /**
     * Sends {@code GET target.pathAndQuery()} over {@code socket} (already TLS when the target is https) and reads
     * the response. The body is read only for a 200 response; it is cut at {@link #MAX_BODY} bytes. Does not close
     * the socket.
     *
     * @throws SocketTimeoutException when the exchange outlasts {@code timeout}
     * @throws NotHttpException       when the response is not HTTP/1.x or its framing is broken
     */
    static Response get(Socket socket, HttpTarget target, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        OutputStream out = socket.getOutputStream();
        out.write(request(target).getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        Reader in = new Reader(socket, deadline);
        int status = statusCode(in.line());
        String location = null;
        long contentLength = -1;
        boolean chunked = false;
        for (String header = in.line(); !header.isEmpty(); header = in.line()) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new NotHttpException("malformed header line");
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "location" -> location = location == null ? value : location;
                case "content-length" -> contentLength = contentLength(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                default -> { }
            }
        }
        byte[] body = status != 200 ? new byte[0]
                : chunked ? in.chunkedBody() // RFC 9112 §6.3: chunked wins over Content-Length
                : contentLength >= 0 ? in.bytes((int) Math.min(contentLength, MAX_BODY), true)
                : in.bytes(MAX_BODY, false);
        return new Response(status, location, body);
    }

    private static String request(HttpTarget target) {
        return "GET " + target.pathAndQuery() + " HTTP/1.1\r\n"
                + "Host: " + target.hostHeader() + "\r\n"
                + "User-Agent: " + USER_AGENT + "\r\n"
                + "Accept: */*\r\n"
                + "Connection: close\r\n"
                + "\r\n";
    }

    private static int statusCode(String statusLine) throws NotHttpException {
        // RFC 9112 §4: HTTP-version SP 3DIGIT SP [reason-phrase]
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
            throw new NotHttpException("not an HTTP/1.x status line: " + Details.excerpt(statusLine));
        }
        String code = statusLine.substring(9, 12);
        if (!code.chars().allMatch(Character::isDigit)) {
            throw new NotHttpException("not an HTTP/1.x status line: " + Details.excerpt(statusLine));
        }
        return Integer.parseInt(code);
    }

    private static long contentLength(String value) throws NotHttpException {
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(Character::isDigit)) {
            throw new NotHttpException("bad Content-Length " + Details.excerpt(value));
        }
        return Long.parseLong(value);
    }

    /** Buffered reads from the socket, each bounded by what is left of the exchange's deadline. */
    private static final class Reader {
        private final Socket socket;
        private final InputStream in;
        private final long deadline;
        private final byte[] buffer = new byte[4096];
        private int position;
        private int limit;
        private int headerBytes;

        Reader(Socket socket, long deadline) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.deadline = deadline;
        }

        /** The next byte, or -1 at the end of the stream. */
        int read() throws IOException {
            if (position == limit && !fill()) {
                return -1;
            }
            return buffer[position++] & 0xFF;
        }

        private boolean fill() throws IOException {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("Read timed out");
            }
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
            int n = in.read(buffer);
            if (n <= 0) {
                return false;
            }
            position = 0;
            limit = n;
            return true;
        }

        /** A line of the header section without its CRLF (or bare LF, RFC 9112 §2.2). */
        String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = read(); c != '\n'; c = read()) {
                if (c == -1) {
                    throw new NotHttpException("the connection closed within the response header");
                }
                if (++headerBytes > MAX_HEADER_SECTION) {
                    throw new NotHttpException("response header larger than " + MAX_HEADER_SECTION + " bytes");
                }
                line.append((char) c);
            }
            int end = line.length();
            return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
        }

        /** Up to {@code count} bytes; when {@code exact}, the stream ending earlier is an error. */
        byte[] bytes(int count, boolean exact) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(count, 1024));
            for (int i = 0; i < count; i++) {
                int c = read();
                if (c == -1) {
                    if (exact) {
                        throw new NotHttpException("the connection closed before the end of the body");
                    }
                    break;
                }
                out.write(c);
            }
            return out.toByteArray();
        }

        /** RFC 9112 §7.1: chunk-size [extensions] CRLF data CRLF ..., last-chunk 0; up to MAX_BODY bytes. */
        byte[] chunkedBody() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (body.size() < MAX_BODY) {
                headerBytes = 0; // each chunk line is bounded alone; the body cap and the deadline bound the rest
                int size = chunkSize(line());
                if (size == 0) {
                    break;
                }
                int room = MAX_BODY - body.size();
                body.writeBytes(bytes(Math.min(size, room), true));
                if (size > room) {
                    break; // what follows is beyond the cap: not read
                }
                line(); // the CRLF after the chunk's data
            }
            return body.toByteArray();
        }

        private static int chunkSize(String line) throws NotHttpException {
            int end = line.indexOf(';');
            String hex = (end < 0 ? line : line.substring(0, end)).trim();
            try {
                long size = Long.parseLong(hex, 16);
                if (hex.isEmpty() || size < 0) {
                    throw new NotHttpException("bad chunk size");
                }
                return (int) Math.min(size, Integer.MAX_VALUE);
            } catch (NumberFormatException e) {
                throw new NotHttpException("bad chunk size " + Details.excerpt(hex));
            }
        }
    }
}
