package io.acmegate.gateway.acme.problem;

/** The error types of RFC 8555 §6.7, each with the HTTP status acmegate answers it with. */
public enum ProblemType {
    ACCOUNT_DOES_NOT_EXIST("accountDoesNotExist", 400),
    ALREADY_REVOKED("alreadyRevoked", 400),
    BAD_CSR("badCSR", 400),
    BAD_NONCE("badNonce", 400),
    BAD_PUBLIC_KEY("badPublicKey", 400),
    BAD_REVOCATION_REASON("badRevocationReason", 400),
    BAD_SIGNATURE_ALGORITHM("badSignatureAlgorithm", 400),
    CAA("caa", 403),
    COMPOUND("compound", 403),
    CONNECTION("connection", 400),
    DNS("dns", 400),
    EXTERNAL_ACCOUNT_REQUIRED("externalAccountRequired", 400),
    INCORRECT_RESPONSE("incorrectResponse", 403),
    INVALID_CONTACT("invalidContact", 400),
    /** The ACME profiles extension (draft-aaron-acme-profiles): newOrder named a profile the server lacks. */
    INVALID_PROFILE("invalidProfile", 400),
    MALFORMED("malformed", 400),
    ORDER_NOT_READY("orderNotReady", 403),
    RATE_LIMITED("rateLimited", 429),
    REJECTED_IDENTIFIER("rejectedIdentifier", 400),
    SERVER_INTERNAL("serverInternal", 500),
    TLS("tls", 400),
    UNAUTHORIZED("unauthorized", 403),
    UNSUPPORTED_CONTACT("unsupportedContact", 400),
    UNSUPPORTED_IDENTIFIER("unsupportedIdentifier", 400),
    USER_ACTION_REQUIRED("userActionRequired", 403);

    private static final String NAMESPACE = "urn:ietf:params:acme:error:";

    private final String name;
    private final String urn;
    private final int status;

    ProblemType(String name, int status) {
        this.name = name;
        this.urn = NAMESPACE + name;
        this.status = status;
    }

    /** The type whose name (the urn's last part, e.g. "incorrectResponse") this is. */
    public static java.util.Optional<ProblemType> byName(String name) {
        return java.util.Arrays.stream(values()).filter(t -> t.name.equals(name)).findFirst();
    }

    public String urn() {
        return urn;
    }

    public int defaultStatus() {
        return status;
    }
}
