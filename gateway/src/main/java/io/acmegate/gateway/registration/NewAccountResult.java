package io.acmegate.gateway.registration;

import io.acmegate.gateway.model.Account;

/** RFC 8555 §7.3: a new account is answered 201, an existing one for the same key 200. */
public record NewAccountResult(Account account, boolean created) {
}
