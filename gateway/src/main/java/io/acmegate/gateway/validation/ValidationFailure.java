package io.acmegate.gateway.validation;

import java.util.Objects;

/**
 * Why a challenge was not met, in the words of an RFC 8555 §6.7 error: the caller turns it into the
 * challenge's {@code error} problem document ({@code "urn:ietf:params:acme:error:" + type()}).
 */
public final class ValidationFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final String type;
    private final String detail;

    /**
     * @param type   the error type without the urn prefix: "dns", "connection", "incorrectResponse", "tls",
     *               "unauthorized" or "malformed"
     * @param detail one line for the ACME client saying what was found
     */
    public ValidationFailure(String type, String detail) {
        super(type + ": " + detail);
        this.type = Objects.requireNonNull(type, "type");
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    /** The RFC 8555 §6.7 error type name, without "urn:ietf:params:acme:error:". */
    public String type() {
        return type;
    }

    /** One line for the ACME client. */
    public String detail() {
        return detail;
    }

    static ValidationFailure dns(String detail) {
        return new ValidationFailure("dns", detail);
    }

    static ValidationFailure connection(String detail) {
        return new ValidationFailure("connection", detail);
    }

    static ValidationFailure incorrectResponse(String detail) {
        return new ValidationFailure("incorrectResponse", detail);
    }

    static ValidationFailure tls(String detail) {
        return new ValidationFailure("tls", detail);
    }

    static ValidationFailure unauthorized(String detail) {
        return new ValidationFailure("unauthorized", detail);
    }

    static ValidationFailure malformed(String detail) {
        return new ValidationFailure("malformed", detail);
    }
}
