package io.acmegate.gateway.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.acme.jws.ExternalAccountBinding;
import io.acmegate.gateway.acme.jws.VerifiedRequest;
import io.acmegate.gateway.acme.problem.Problems;
import io.acmegate.gateway.model.Account;
import io.acmegate.gateway.model.AccountStatus;
import io.acmegate.gateway.model.ResourceIds;
import io.acmegate.gateway.store.Store;
import java.time.Clock;
import java.util.List;

/** Registers and updates downstream accounts (RFC 8555 §7.3): the decisions, not the HTTP. */
public final class AccountService {
    private final Store store;
    private final EabKeys eabKeys;
    private final boolean termsOfServiceRequired;
    private final boolean eabRequired;
    private final Clock clock;

    public AccountService(Store store, EabKeys eabKeys, boolean termsOfServiceRequired, boolean eabRequired,
                          Clock clock) {
        this.store = store;
        this.eabKeys = eabKeys;
        this.termsOfServiceRequired = termsOfServiceRequired;
        this.eabRequired = eabRequired;
        this.clock = clock;
    }

    /** RFC 8555 §7.3, §7.3.1 (existing key), §7.3.4 (external account binding). */
    public NewAccountResult register(VerifiedRequest request, ObjectNode payload, String newAccountUrl) {
        var existing = store.accountByThumbprint(request.thumbprint());
        if (existing.isPresent()) {
            return new NewAccountResult(existing.get(), false);
        }
        if (payload.path("onlyReturnExisting").asBoolean(false)) {
            throw Problems.accountDoesNotExist("no account is registered with this key");
        }
        List<String> contact = ContactRules.check(payload.get("contact"));
        if (termsOfServiceRequired && !payload.path("termsOfServiceAgreed").asBoolean(false)) {
            throw Problems.malformed("the terms of service must be agreed to (termsOfServiceAgreed: true)");
        }
        JsonNode binding = payload.get("externalAccountBinding");
        String eabKeyId = null;
        if (binding != null && !binding.isNull()) {
            eabKeyId = ExternalAccountBinding.verify(binding, request.jwk(), newAccountUrl, eabKeys::find);
        } else if (eabRequired) {
            throw Problems.externalAccountRequired("this server requires an external account binding");
        }
        Account account = new Account(ResourceIds.next(), request.thumbprint(), request.jwk().toJson(),
                contact, AccountStatus.VALID, eabKeyId, clock.instant());
        Account stored = store.createAccount(account);
        return new NewAccountResult(stored, stored.id().equals(account.id()));
    }

    /**
     * RFC 8555 §7.3.5: moves the account to the key of the verified inner JWS, whose payload must name the account
     * and its current key.
     *
     * @param accountUrl the account's URL, which the inner payload's "account" must equal
     * @param urlOf      the URL of another account (for the 409's Location)
     */
    public Account changeKey(Account account, VerifiedRequest inner, String accountUrl,
                             java.util.function.Function<String, String> urlOf) {
        ObjectNode payload = io.acmegate.gateway.acme.AcmeJson.parseObject(inner.payload(), "keyChange inner payload");
        if (!accountUrl.equals(payload.path("account").asText(null))) {
            throw Problems.malformed("keyChange: the inner payload's \"account\" must be " + accountUrl);
        }
        if (!payload.has("oldKey") || !io.acmegate.gateway.acme.jws.JwsVerifier.thumbprintOf(payload.get("oldKey"),
                "keyChange \"oldKey\"").equals(account.keyThumbprint())) {
            throw Problems.malformed("keyChange: \"oldKey\" is not the account's current key");
        }
        if (inner.thumbprint().equals(account.keyThumbprint())) {
            throw Problems.malformed("keyChange: the new key is the account's current key");
        }
        Account next = account.withKey(inner.thumbprint(), inner.jwk().toJson());
        try {
            store.changeAccountKey(next, account.keyThumbprint()).ifPresent(holder -> {
                throw Problems.keyInUse("keyChange: the new key already belongs to another account",
                        urlOf.apply(holder.id()));
            });
        } catch (io.acmegate.gateway.store.ConcurrentChangeException e) {
            throw Problems.malformed("keyChange: " + e.getMessage() + "; fetch the account and try again");
        }
        return next;
    }

    /** RFC 8555 §7.3.2 (contact update) and §7.3.6 (deactivation); an empty payload changes nothing. */
    public Account update(Account account, ObjectNode payload) {
        Account updated = account;
        if (payload.has("contact")) {
            updated = updated.withContact(ContactRules.check(payload.get("contact")));
        }
        JsonNode status = payload.get("status");
        if (status != null && !status.isNull()) {
            if (!AccountStatus.DEACTIVATED.wireName().equals(status.asText())) {
                throw Problems.malformed("an account's status can only be changed to \"deactivated\"");
            }
            updated = updated.withStatus(AccountStatus.DEACTIVATED);
        }
        if (!updated.equals(account)) {
            store.updateAccount(updated);
        }
        return updated;
    }
}
