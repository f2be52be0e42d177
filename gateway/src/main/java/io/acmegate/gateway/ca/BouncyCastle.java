package io.acmegate.gateway.ca;

import java.security.Provider;
import java.security.Security;
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
}
