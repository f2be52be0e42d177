package io.acmegate.gateway.acme.problem;

import java.util.List;

/**
 * The one factory for problem documents: one method per RFC 8555 error type (the Boulder
 * {@code probs} model). Each returns the exception to throw, so that call sites read
 * {@code throw Problems.badCsr("...")}.
 */
public final class Problems {
    private Problems() {
    }

    private static AcmeProblemException of(ProblemType type, String detail) {
        return new AcmeProblemException(new Problem(type, detail, type.defaultStatus(), null, null));
    }

    private static AcmeProblemException of(ProblemType type, String detail, int status) {
        return new AcmeProblemException(new Problem(type, detail, status, null, null));
    }

    public static AcmeProblemException malformed(String detail) {
        return of(ProblemType.MALFORMED, detail);
    }

    /** RFC 8555 §6.2: a body that is not application/jose+json. */
    public static AcmeProblemException unsupportedMediaType(String detail) {
        return of(ProblemType.MALFORMED, detail, 415);
    }

    public static AcmeProblemException payloadTooLarge(String detail) {
        return of(ProblemType.MALFORMED, detail, 413);
    }

    /** A resource that does not exist, or that the requesting account may not see. */
    public static AcmeProblemException notFound(String detail) {
        return of(ProblemType.MALFORMED, detail, 404);
    }

    public static AcmeProblemException methodNotAllowed(String detail) {
        return of(ProblemType.MALFORMED, detail, 405);
    }

    /**
     * RFC 8555 §6.5. The wording matters: acme.sh recognises a bad nonce by the text
     * "JWS has an invalid anti-replay nonce" and retries.
     */
    public static AcmeProblemException badNonce(String why) {
        return of(ProblemType.BAD_NONCE, "JWS has an invalid anti-replay nonce: " + why);
    }

    public static AcmeProblemException badSignatureAlgorithm(String detail, List<String> supported) {
        ProblemType type = ProblemType.BAD_SIGNATURE_ALGORITHM;
        return new AcmeProblemException(new Problem(type, detail, type.defaultStatus(), supported, null));
    }

    public static AcmeProblemException badPublicKey(String detail) {
        return of(ProblemType.BAD_PUBLIC_KEY, detail);
    }

    public static AcmeProblemException unauthorized(String detail) {
        return of(ProblemType.UNAUTHORIZED, detail);
    }

    public static AcmeProblemException accountDoesNotExist(String detail) {
        return of(ProblemType.ACCOUNT_DOES_NOT_EXIST, detail);
    }

    public static AcmeProblemException externalAccountRequired(String detail) {
        return of(ProblemType.EXTERNAL_ACCOUNT_REQUIRED, detail);
    }

    public static AcmeProblemException invalidContact(String detail) {
        return of(ProblemType.INVALID_CONTACT, detail);
    }

    public static AcmeProblemException unsupportedContact(String detail) {
        return of(ProblemType.UNSUPPORTED_CONTACT, detail);
    }

    public static AcmeProblemException userActionRequired(String detail) {
        return of(ProblemType.USER_ACTION_REQUIRED, detail);
    }

    public static AcmeProblemException rejectedIdentifier(String detail) {
        return of(ProblemType.REJECTED_IDENTIFIER, detail);
    }

    public static AcmeProblemException unsupportedIdentifier(String detail) {
        return of(ProblemType.UNSUPPORTED_IDENTIFIER, detail);
    }

    /** Several identifiers refused at once: one subproblem each (RFC 8555 §6.7.1). */
    public static AcmeProblemException rejectedIdentifiers(List<Problem.Subproblem> subproblems) {
        ProblemType type = ProblemType.REJECTED_IDENTIFIER;
        String detail = subproblems.size() == 1 ? subproblems.get(0).detail()
                : "Policy forbids issuing for " + subproblems.size() + " of the requested names";
        return new AcmeProblemException(new Problem(type, detail, type.defaultStatus(), null, subproblems));
    }

    public static AcmeProblemException badCsr(String detail) {
        return of(ProblemType.BAD_CSR, detail);
    }

    public static AcmeProblemException orderNotReady(String detail) {
        return of(ProblemType.ORDER_NOT_READY, detail);
    }

    public static AcmeProblemException alreadyRevoked(String detail) {
        return of(ProblemType.ALREADY_REVOKED, detail);
    }

    public static AcmeProblemException badRevocationReason(String detail) {
        return of(ProblemType.BAD_REVOCATION_REASON, detail);
    }

    public static AcmeProblemException rateLimited(String detail) {
        return of(ProblemType.RATE_LIMITED, detail);
    }

    /** RFC 8555 §6.6: rateLimited with the Retry-After the client should honour. */
    public static AcmeProblemException rateLimited(String detail, java.time.Duration retryAfter) {
        ProblemType type = ProblemType.RATE_LIMITED;
        return new AcmeProblemException(new Problem(type, detail, type.defaultStatus(), null, null), retryAfter);
    }

    /** RFC 8555 §7.3.5: the new key already belongs to the account at {@code location}: 409 with its Location. */
    public static AcmeProblemException keyInUse(String detail, String location) {
        return new AcmeProblemException(new Problem(ProblemType.MALFORMED, detail, 409, null, null), null, location);
    }

    public static AcmeProblemException invalidProfile(String detail) {
        return of(ProblemType.INVALID_PROFILE, detail);
    }

    public static AcmeProblemException serverInternal(String detail) {
        return of(ProblemType.SERVER_INTERNAL, detail);
    }
}
