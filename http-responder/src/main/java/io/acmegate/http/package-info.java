/**
 * The HTTP-01 token responder (DESIGN.md, "http-responder"; RFC 8555 §8.3): serves
 * {@code /.well-known/acme-challenge/{token}} from the key authorizations a {@link io.acmegate.http.TokenSource}
 * hands it. Public surface: {@link io.acmegate.http.Http01Responder}, {@link io.acmegate.http.HttpResponderConfig}
 * and {@link io.acmegate.http.TokenSource}; the Netty handlers behind them are package-private.
 */
package io.acmegate.http;
