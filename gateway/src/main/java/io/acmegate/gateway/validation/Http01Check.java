package io.acmegate.gateway.validation;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLException;
import org.xbill.DNS.Address;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * http-01, RFC 8555 §8.3: GET http://{name}/.well-known/acme-challenge/{token} must answer 200 with the key
 * authorization. For an ip identifier the URL's host is the address (RFC 8738 §5).
 */
final class Http01Check implements ChallengeCheck {
    static final int MAX_REDIRECTS = 10;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final ValidationSettings settings;
    private final AddressLookup addresses;

    Http01Check(ValidationSettings settings, DnsLookup dns) {
        this.settings = settings;
        this.addresses = new AddressLookup(dns);
    }

    @Override
    public String type() {
        return "http-01";
    }

    @Override
    public void check(String identifierType, String identifierValue, String token, String keyAuthorization)
            throws ValidationFailure {
        Identifier identifier = Identifier.parse(identifierType, identifierValue);
        if (!KeyAuthorizations.isToken(token)) {
            throw ValidationFailure.malformed("The token is not base64url");
        }
        HttpTarget target = new HttpTarget(false, identifier.urlHost(), settings.httpPort(),
                "/.well-known/acme-challenge/" + token);
        List<InetAddress> targetAddresses = addresses.addresses(identifier);
        // RFC 8555 §8.3: the server SHOULD follow redirects when dereferencing the URL.
        for (int redirects = 0; ; redirects++) {
            MinimalHttpClient.Response response = fetch(target, targetAddresses);
            if (REDIRECTS.contains(response.status()) && response.location() != null) {
                if (redirects == MAX_REDIRECTS) {
                    throw ValidationFailure.connection("Too many redirects (more than " + MAX_REDIRECTS
                            + "), the last from " + target.url());
                }
                target = redirectTarget(target, response.location());
                targetAddresses = addressesOf(target);
                continue;
            }
            if (response.status() != 200) {
                throw ValidationFailure.unauthorized("Invalid response from " + target.url() + ": HTTP "
                        + response.status());
            }
            String body = new String(response.body(), StandardCharsets.UTF_8);
            // RFC 8555 §8.3: the body is compared after removing whitespace at its end.
            if (!body.stripTrailing().equals(keyAuthorization)) {
                throw ValidationFailure.incorrectResponse("The key authorization at " + target.url()
                        + " does not match: received " + Details.excerpt(body));
            }
            return;
        }
    }

    private MinimalHttpClient.Response fetch(HttpTarget target, List<InetAddress> targetAddresses)
            throws ValidationFailure {
        Socket plain = Connections.connectFirst(targetAddresses, target.port(), settings.timeout(), target.url());
        int timeout = Connections.millis(settings.timeout());
        try (Socket socket = target.https() ? TrustingTls.handshake(plain, sniOf(target), List.of(), timeout)
                : plain) {
            return MinimalHttpClient.get(socket, target, settings.timeout());
        } catch (SSLException e) {
            throw ValidationFailure.tls("TLS with " + target.url() + " failed: " + Details.reason(e));
        } catch (IOException e) {
            throw ValidationFailure.connection("Fetching " + target.url() + ": " + Details.reason(e));
        } finally {
            Connections.closeQuietly(plain);
        }
    }

    /**
     * Where a redirect may lead: http on port 80 or the configured http port, https on 443 or the configured TLS
     * port (Let's Encrypt's rule, which keeps validation off other services of the host).
     */
    private HttpTarget redirectTarget(HttpTarget from, String location) throws ValidationFailure {
        HttpTarget next;
        try {
            next = from.redirect(location);
        } catch (IllegalArgumentException e) {
            throw ValidationFailure.connection("Invalid redirect from " + from.url() + " to "
                    + Details.excerpt(location) + ": " + Details.reason(e));
        }
        // As Boulder: a redirect may not name an address (an internal service, a cloud metadata endpoint), except the
        // one an ip identifier is validated at.
        if (isIpLiteral(next.bareHost()) && !next.bareHost().equals(from.bareHost())) {
            throw ValidationFailure.connection("Redirect from " + from.url() + " to " + Details.excerpt(location)
                    + ": only domain names are followed, not IP addresses");
        }
        // Set.copyOf, not Set.of: the configured port may be the default one.
        Set<Integer> allowed = Set.copyOf(next.https() ? List.of(443, settings.tlsPort())
                : List.of(80, settings.httpPort()));
        if (!allowed.contains(next.port())) {
            throw ValidationFailure.connection("Redirect from " + from.url() + " to " + Details.excerpt(location)
                    + ": only ports " + describe(allowed) + " are allowed for " + (next.https() ? "https" : "http"));
        }
        return next;
    }

    private List<InetAddress> addressesOf(HttpTarget target) throws ValidationFailure {
        String host = target.bareHost();
        if (isIpLiteral(host)) {
            try {
                return List.of(Address.getByAddress(host));
            } catch (UnknownHostException e) {
                throw ValidationFailure.connection("Invalid redirect host " + Details.excerpt(host));
            }
        }
        try {
            return addresses.addresses(Name.fromString(host, Name.root));
        } catch (TextParseException e) {
            throw ValidationFailure.connection("Invalid redirect host " + Details.excerpt(host));
        }
    }

    /** RFC 6066 §3: SNI carries host names only, never an address literal. */
    private static String sniOf(HttpTarget target) {
        return isIpLiteral(target.bareHost()) ? null : target.bareHost();
    }

    private static boolean isIpLiteral(String host) {
        return host.contains(":") || Address.isDottedQuad(host);
    }

    private static String describe(Set<Integer> ports) {
        return ports.stream().sorted().map(String::valueOf).reduce((a, b) -> a + " and " + b).orElse("");
    }
}
