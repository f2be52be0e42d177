package io.acmegate.plugins.dns.rfc2136;

import io.acmegate.plugins.dns.DnsProvider;
import io.acmegate.plugins.dns.DnsProviderException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Update;

/**
 * Publishes TXT records with RFC 2136 dynamic updates signed with a TSIG key (RFC 8945), sent over TCP to the zone's
 * primary server. Updates carry no prerequisites (RFC 2136 §2.4), so that adding a value that is already there, or
 * deleting one that is not, succeeds (§3.4.2.2, §3.4.2.4). Each update opens its own connection: safe for concurrent
 * use, holds nothing between calls.
 */
final class Rfc2136Provider implements DnsProvider {

    private static final int MAX_CHARACTER_STRING = 255; // RFC 1035 §3.3: <character-string>

    private final String name;
    private final Rfc2136Settings settings;
    private final Name zone;

    Rfc2136Provider(String name, Rfc2136Settings settings) {
        this.name = Objects.requireNonNull(name, "name");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.zone = absolute(settings.zone());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean covers(String fqdn) {
        String normalized = normalize(fqdn);
        return normalized.equals(settings.zone()) || normalized.endsWith("." + settings.zone());
    }

    @Override
    public void publishTxt(String fqdn, String value, Duration ttl) throws DnsProviderException {
        Duration recordTtl = ttl == null ? settings.ttl() : ttl;
        if (recordTtl.isNegative()) {
            throw new IllegalArgumentException("negative TTL " + recordTtl);
        }
        Update update = new Update(zone);
        update.add(txt(fqdn, value, recordTtl.toSeconds()));
        send(update, "publish TXT at " + fqdn);
    }

    @Override
    public void withdrawTxt(String fqdn, String value) throws DnsProviderException {
        Update update = new Update(zone);
        // RFC 2136 §2.5.4: class NONE, TTL 0 deletes exactly this RR; dnsjava's delete(Record) sets both.
        update.delete(txt(fqdn, value, 0));
        send(update, "withdraw TXT at " + fqdn);
    }

    private TXTRecord txt(String fqdn, String value, long ttlSeconds) throws DnsProviderException {
        Objects.requireNonNull(value, "value");
        if (value.length() > MAX_CHARACTER_STRING || !value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw new IllegalArgumentException("a TXT value here is at most " + MAX_CHARACTER_STRING
                    + " printable ASCII characters");
        }
        String normalized = normalize(fqdn);
        if (!covers(normalized)) {
            throw DnsProviderException.permanent(this + ": " + fqdn + " is not in zone " + settings.zone());
        }
        // dnsjava reads the string in master-file syntax (RFC 1035 §5.1), where a backslash escapes.
        return new TXTRecord(absolute(normalized), DClass.IN, ttlSeconds, value.replace("\\", "\\\\"));
    }

    private void send(Update update, String change) throws DnsProviderException {
        String what = this + ": cannot " + change;
        Message response;
        try {
            SimpleResolver resolver = new SimpleResolver(settings.host());
            resolver.setPort(settings.port());
            resolver.setTCP(true); // RFC 2136 §3.8 allows UDP; TCP avoids lost or truncated updates and replays
            resolver.setTimeout(settings.timeout());
            resolver.setTSIGKey(settings.key().signer());
            response = resolver.send(update);
        } catch (UnknownHostException e) {
            throw DnsProviderException.retryable(what + ": server host " + settings.host() + " does not resolve", e);
        } catch (SocketTimeoutException e) {
            throw DnsProviderException.retryable(what + ": no answer within " + settings.timeout(), e);
        } catch (IOException e) {
            throw DnsProviderException.retryable(what + ": " + oneLine(e), e);
        }
        check(response, what);
    }

    /** Accepts NOERROR with a verified signature; classifies every other answer (RFC 2136 §2.2, RFC 8945 §5.3). */
    private void check(Message response, String what) throws DnsProviderException {
        int rcode = response.getRcode();
        TSIGRecord signature = response.getTSIG();
        int tsigError = signature == null ? Rcode.NOERROR : signature.getError();
        if (rcode == Rcode.NOERROR) {
            if (!response.isVerified()) {
                // An unsigned or badly signed success may be forged (RFC 8945 §5.3): the record may not be there.
                throw DnsProviderException.permanent(what + ": the server's NOERROR answer is not signed with key "
                        + settings.key().name() + " (is it the zone's primary?)");
            }
            return;
        }
        String answer = what + ": the server answered " + Rcode.string(rcode);
        if (tsigError != Rcode.NOERROR) {
            throw DnsProviderException.permanent(answer + " with TSIG error " + Rcode.TSIGstring(tsigError)
                    + ": check tsig-key-name, tsig-algorithm and tsig-secret"
                    + (tsigError == Rcode.BADTIME ? ", and the clocks" : ""));
        }
        throw switch (rcode) {
            case Rcode.SERVFAIL -> DnsProviderException.retryable(answer, null);
            case Rcode.NOTAUTH -> DnsProviderException.permanent(answer + ": it is not authoritative for zone "
                    + settings.zone() + ", or key " + settings.key().name() + " may not update it");
            case Rcode.REFUSED -> DnsProviderException.permanent(answer
                    + ": its policy does not allow this update with key " + settings.key().name());
            case Rcode.NOTZONE -> DnsProviderException.permanent(answer + ": the name is not within zone "
                    + settings.zone());
            default -> DnsProviderException.permanent(answer);
        };
    }

    private static String normalize(String fqdn) {
        String lower = fqdn.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static Name absolute(String fqdn) {
        try {
            return Name.fromString(fqdn + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a valid DNS name: " + fqdn);
        }
    }

    private static String oneLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s+", " ");
    }

    /** Names the provider, server, zone and key; never the secret. */
    @Override
    public String toString() {
        return "DNS provider '" + name + "' (" + Rfc2136ProviderFactory.TYPE + ", " + settings.host() + ":"
                + settings.port() + ", zone " + settings.zone() + ", key " + settings.key().name() + ")";
    }
}
