package io.acmegate.gateway.validation;

import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * dns-01, RFC 8555 §8.4: a TXT record at "_acme-challenge.{name}" must hold base64url(SHA-256(key
 * authorization)). CNAMEs on the way are followed, which is what makes delegating the label to another zone
 * work (the acme-dns model).
 */
final class Dns01Check implements ChallengeCheck {
    private final DnsLookup dns;

    Dns01Check(DnsLookup dns) {
        this.dns = dns;
    }

    @Override
    public String type() {
        return "dns-01";
    }

    @Override
    public void check(String identifierType, String identifierValue, String token, String keyAuthorization)
            throws ValidationFailure {
        if (!"dns".equals(identifierType)) {
            // RFC 8738 §7: dns-01 cannot prove control of an IP address.
            throw ValidationFailure.malformed("dns-01 validates dns identifiers only, not "
                    + Details.excerpt(String.valueOf(identifierType)));
        }
        Identifier identifier = Identifier.parse(identifierType, identifierValue);
        Name label;
        try {
            label = Name.concatenate(Name.fromConstantString("_acme-challenge"), identifier.name());
        } catch (NameTooLongException e) {
            throw ValidationFailure.malformed("_acme-challenge." + identifierValue + " is too long for DNS");
        }
        List<Record> records = dns.records(label, Type.TXT);
        String where = DnsLookup.printable(label);
        if (records.isEmpty()) {
            throw ValidationFailure.dns("No TXT record found at " + where);
        }
        String expected = KeyAuthorizations.txtValue(keyAuthorization);
        List<String> values = records.stream().map(Dns01Check::value).toList();
        if (values.contains(expected)) {
            return;
        }
        String found = values.size() == 1 ? "1 TXT record" : values.size() + " TXT records";
        throw ValidationFailure.unauthorized("Found " + found + " at " + where
                + ", none matches the key authorization (first: " + Details.excerpt(values.get(0)) + ")");
    }

    /** A TXT record's value: its character-strings joined, as a value longer than 255 octets is split. */
    private static String value(Record record) {
        return String.join("", ((TXTRecord) record).getStrings());
    }
}
