package io.acmegate.gateway.ca;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.spec.PKCS8EncodedKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** The BouncyCastle JCA provider, registered once per JVM on first use. */
public final class BouncyCastle {
    private BouncyCastle() {
    }

    /** Registers the provider if no provider named "BC" is present yet, and returns the registered one. */
    public static synchronized Provider provider() {
        Provider registered = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (registered != null) {
            return registered;
        }
        Provider provider = new BouncyCastleProvider();
        Security.addProvider(provider);
        return provider;
    }

    /**
     * The same private key as a BouncyCastle key. BouncyCastle turns a foreign EC key into its own at every
     * signature, losing the precomputation it keeps on the curve's generator: convert once, sign many times.
     */
    public static PrivateKey privateKey(PrivateKey key) {
        try {
            return KeyFactory.getInstance(key.getAlgorithm(), provider())
                    .generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("BouncyCastle cannot read a " + key.getAlgorithm() + " key", e);
        }
    }
}
