/**
 * The HTTP-01 token responder (DESIGN.md, "http-responder"): serves
 * {@code /.well-known/acme-challenge/{token}} from key authorizations a small source interface hands
 * it. Empty until the responders issue.
 */
package io.acmegate.http;
