package io.acmegate.gateway.validation;

import java.net.URI;
import java.util.Locale;

/**
 * One URL that http-01 fetches: the challenge URL, then each redirect's target.
 *
 * @param https       whether the scheme is https
 * @param host        the host as written in the URL: a name (lower case, no trailing dot), an IPv4 literal or a
 *                    bracketed IPv6 literal
 * @param port        the port connected to
 * @param pathAndQuery the request target, starting with "/"
 */
record HttpTarget(boolean https, String host, int port, String pathAndQuery) {

    /** The URL, with the port only when it is not the scheme's default. */
    String url() {
        return (https ? "https" : "http") + "://" + hostHeader() + pathAndQuery;
    }

    /** RFC 9110 §7.2: the Host header is the URL's host, with the port when it is not the scheme's default. */
    String hostHeader() {
        return port == defaultPort(https) ? host : host + ":" + port;
    }

    /** The host without IPv6 brackets. */
    String bareHost() {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    static int defaultPort(boolean https) {
        return https ? 443 : 80;
    }

    /**
     * The target that {@code location} (a Location header, absolute or relative) points to from here.
     *
     * @throws IllegalArgumentException when it is no http or https URL with a host
     */
    HttpTarget redirect(String location) {
        URI next = URI.create(url()).resolve(location.trim());
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("not an http or https URL");
        }
        if (next.getHost() == null) {
            throw new IllegalArgumentException("no host");
        }
        boolean toHttps = scheme.equals("https");
        int nextPort = next.getPort() == -1 ? defaultPort(toHttps) : next.getPort();
        String path = next.getRawPath() == null || next.getRawPath().isEmpty() ? "/" : next.getRawPath();
        String query = next.getRawQuery() == null ? "" : "?" + next.getRawQuery();
        String nextHost = next.getHost().toLowerCase(Locale.ROOT);
        if (nextHost.endsWith(".")) {
            nextHost = nextHost.substring(0, nextHost.length() - 1);
        }
        return new HttpTarget(toHttps, nextHost, nextPort, path + query);
    }
}
