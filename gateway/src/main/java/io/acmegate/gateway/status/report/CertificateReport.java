package io.acmegate.gateway.status.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.ca.Pem;
import io.acmegate.gateway.model.Lineage;
import io.acmegate.gateway.status.LineageBook;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;

/**
 * Reads a report body: the certificate itself (PEM, what certbot's and acme.sh's hooks have at hand), or JSON with
 * {@code names}, {@code serial}, {@code notAfter} and optionally {@code notBefore}, {@code issuer}, {@code endpoints}.
 * Bad input is an {@link IllegalArgumentException} with the one line to show.
 */
public final class CertificateReport {
    private CertificateReport() {
    }

    /**
     * @param endpoints "host:port" or "host:port/sni" where the certificate should be served (the PEM form takes
     *                  them from the query), merged with the JSON form's own
     */
    public static LineageBook.Report parse(String contentType, byte[] body, List<String> endpoints) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json")) {
            return fromJson(AcmeJson.parseObject(body, "report"), endpoints);
        }
        if (type.startsWith("application/pem-certificate-chain") || type.startsWith("application/x-pem-file")
                || type.startsWith("text/plain")) {
            return fromPem(new String(body, StandardCharsets.US_ASCII), endpoints);
        }
        throw new IllegalArgumentException("send the certificate as application/pem-certificate-chain, or JSON with"
                + " names, serial and notAfter");
    }

    private static LineageBook.Report fromPem(String pem, List<String> endpoints) {
        List<X509Certificate> chain;
        try {
            chain = Pem.readCertificates(pem);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the body is not a PEM certificate: " + e.getMessage());
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the body holds no PEM certificate");
        }
        X509Certificate leaf = chain.get(0);
        return new LineageBook.Report(names(leaf), leaf.getSerialNumber().toString(16),
                leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant(), issuerName(leaf.getIssuerX500Principal()),
                parseEndpoints(endpoints));
    }

    private static List<String> names(X509Certificate leaf) {
        List<String> names = new ArrayList<>();
        try {
            if (leaf.getSubjectAlternativeNames() != null) {
                for (List<?> san : leaf.getSubjectAlternativeNames()) {
                    int type = (Integer) san.get(0);
                    String value = san.get(1).toString();
                    if (type == 2) { // RFC 5280 §4.2.1.6: dNSName
                        names.add(value.toLowerCase(Locale.ROOT));
                    } else if (type == 7) { // iPAddress, in the RFC 5952 form lineages of ip identifiers use
                        names.add(io.acmegate.policy.IpLiteral.parse(value).map(io.acmegate.policy.IpLiteral::canonical)
                                .orElse(value));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            throw new IllegalArgumentException("the certificate's subjectAltName cannot be read: " + e.getMessage());
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("the certificate names no DNS name or address");
        }
        return names;
    }

    /** The issuing CA as people say it: its organisation, else its common name. */
    private static String issuerName(X500Principal issuer) {
        String organisation = null;
        String common = null;
        for (javax.naming.ldap.Rdn rdn : rdns(issuer)) {
            if (rdn.getType().equalsIgnoreCase("O")) {
                organisation = rdn.getValue().toString();
            } else if (rdn.getType().equalsIgnoreCase("CN")) {
                common = rdn.getValue().toString();
            }
        }
        return organisation != null ? organisation : common != null ? common : issuer.getName();
    }

    private static List<javax.naming.ldap.Rdn> rdns(X500Principal principal) {
        try {
            return new javax.naming.ldap.LdapName(principal.getName()).getRdns();
        } catch (javax.naming.InvalidNameException e) {
            return List.of();
        }
    }

    private static LineageBook.Report fromJson(ObjectNode json, List<String> queryEndpoints) {
        List<String> names = new ArrayList<>();
        json.path("names").forEach(n -> names.add(n.asText().toLowerCase(Locale.ROOT)));
        if (names.isEmpty() || names.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("names must list the certificate's names");
        }
        String serial = json.path("serial").asText("").toLowerCase(Locale.ROOT).replace(":", "");
        if (!serial.matches("[0-9a-f]{1,40}")) {
            throw new IllegalArgumentException("serial must be the certificate's serial number in hex");
        }
        Instant notAfter = instant(json, "notAfter", true);
        Instant notBefore = instant(json, "notBefore", false);
        if (notBefore != null && !notBefore.isBefore(notAfter)) {
            throw new IllegalArgumentException("notBefore must be before notAfter");
        }
        List<String> endpoints = new ArrayList<>(queryEndpoints);
        json.path("endpoints").forEach(e -> endpoints.add(e.asText()));
        JsonNode issuer = json.get("issuer");
        return new LineageBook.Report(names, serial.replaceFirst("^0+(?=.)", ""), notBefore, notAfter,
                issuer == null ? null : issuer.asText(), parseEndpoints(endpoints));
    }

    private static Instant instant(ObjectNode json, String field, boolean required) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new IllegalArgumentException(field + " is required (RFC 3339, e.g. 2027-01-31T12:00:00Z)");
            }
            return null;
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an RFC 3339 time such as 2027-01-31T12:00:00Z");
        }
    }

    /** A lineage's certificate is served from a handful of places; more is a mistake or a scan. */
    static final int MAX_ENDPOINTS = 20;

    /** "host:port" or "host:port/sni"; IPv6 hosts in brackets; at most {@value #MAX_ENDPOINTS}. */
    public static List<Lineage.Endpoint> parseEndpoints(List<String> texts) {
        if (texts.size() > MAX_ENDPOINTS) {
            throw new IllegalArgumentException("at most " + MAX_ENDPOINTS + " endpoints per lineage, not "
                    + texts.size());
        }
        List<Lineage.Endpoint> endpoints = new ArrayList<>();
        for (String text : texts) {
            String spec = text.trim();
            String sni = null;
            int slash = spec.indexOf('/');
            if (slash >= 0) {
                sni = spec.substring(slash + 1);
                spec = spec.substring(0, slash);
            }
            int colon = spec.lastIndexOf(':');
            String host = colon > 0 ? spec.substring(0, colon).replaceAll("^\\[|]$", "") : "";
            int port;
            try {
                port = colon > 0 ? Integer.parseInt(spec.substring(colon + 1)) : -1;
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (host.isEmpty() || port < 1 || port > 65535 || (sni != null && sni.isBlank())) {
                throw new IllegalArgumentException("endpoint must be host:port or host:port/sni-name, not '" + text + "'");
            }
            endpoints.add(new Lineage.Endpoint(host, port, sni));
        }
        return endpoints;
    }
}
