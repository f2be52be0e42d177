package io.acmegate.plugins.dns.rfc2136;

import java.util.Arrays;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;

/**
 * A TSIG key (RFC 8945): its name, HMAC algorithm and shared secret. {@link #toString()} shows the name and
 * algorithm only, so that the key can be logged.
 */
final class TsigKey {

    private final Name name;
    private final Name algorithm;
    private final byte[] secret;

    TsigKey(Name name, Name algorithm, byte[] secret) {
        this.name = name;
        this.algorithm = algorithm;
        this.secret = secret.clone();
    }

    Name name() {
        return name;
    }

    /** A new signer for one exchange, so that concurrent updates share nothing mutable. */
    TSIG signer() {
        return new TSIG(algorithm, name, secret.clone());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TsigKey key && name.equals(key.name) && algorithm.equals(key.algorithm)
                && Arrays.equals(secret, key.secret);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + algorithm.hashCode();
    }

    @Override
    public String toString() {
        return "TsigKey[" + name + " " + algorithm.toString(true) + "]";
    }
}
