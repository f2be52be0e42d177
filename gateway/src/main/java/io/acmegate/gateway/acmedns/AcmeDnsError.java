package io.acmegate.gateway.acmedns;

/**
 * An acme-dns API error: the HTTP status and the {@code {"error": "..."}} code, with acme-dns's own
 * codes where it has one (clients written for acme-dns match on them).
 */
final class AcmeDnsError extends RuntimeException {
    final int status;
    final String code;

    AcmeDnsError(int status, String code) {
        super(code, null, false, false);
        this.status = status;
        this.code = code;
    }

    static AcmeDnsError malformedJson() {
        return new AcmeDnsError(400, "malformed_json_payload");
    }

    static AcmeDnsError invalidCidr() {
        return new AcmeDnsError(400, "invalid_allowfrom_cidr");
    }

    static AcmeDnsError badSubdomain() {
        return new AcmeDnsError(400, "bad_subdomain");
    }

    static AcmeDnsError badTxt() {
        return new AcmeDnsError(400, "bad_txt");
    }

    /** acme-dns answers every authentication failure (user, key, source address, subdomain) this way. */
    static AcmeDnsError forbidden() {
        return new AcmeDnsError(401, "forbidden");
    }

    static AcmeDnsError registrationForbidden() {
        return new AcmeDnsError(403, "registration_forbidden");
    }

    static AcmeDnsError domainNotAllowed() {
        return new AcmeDnsError(403, "domain_not_allowed");
    }
}
