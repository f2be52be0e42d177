package io.acmegate.gateway.acmedns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.challenge.ChallengeBoard;
import io.acmegate.policy.CidrRange;
import io.acmegate.gateway.delegation.Delegations;
import io.acmegate.gateway.model.Delegation;
import io.acmegate.gateway.store.Store;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The acme-dns HTTP API (joohoi/acme-dns): {@code POST /register} and {@code POST /update} with the
 * same JSON fields, headers and error codes, so that acme.sh's dns_acmedns, lego's acme-dns provider and
 * certbot's acme-dns hook publish their dns-01 TXT records through acmegate. What acme-dns lacks:
 * <ul>
 * <li>any number of TXT values per name, each expiring on its own (acme-dns keeps the last two, which
 *     breaks a certificate for several names sharing one delegation);</li>
 * <li>{@code DELETE /update} to remove a value after validation; {@code POST /deregister};
 *     {@code POST /rotate} for a new password;</li>
 * <li>registration that can require a token and limit the domains it names.</li>
 * </ul>
 */
public final class AcmeDnsService {
    /** RFC 8555 §8.4: the TXT value is the base64url SHA-256 digest of the key authorization: 43 characters. */
    private static final Pattern TXT = Pattern.compile("[A-Za-z0-9_-]{43}");
    static final Duration TXT_LIFETIME = Duration.ofHours(2);
    static final int MAX_VALUES_PER_NAME = 64;
    private static final int MAX_BODY = 16 * 1024;

    private final AcmeDnsAccounts accounts;
    private final Delegations delegations;
    private final ChallengeBoard board;
    private final RegistrationPolicy registration;

    public AcmeDnsService(Store store, Delegations delegations, ChallengeBoard board, RegistrationPolicy registration,
                          Clock clock) {
        this.accounts = new AcmeDnsAccounts(store, clock);
        this.delegations = delegations;
        this.board = board;
        this.registration = registration;
    }

    public void routing(HttpRouting.Builder routing) {
        routing.error(AcmeDnsError.class, (req, res, e) -> error(res, e));
        routing.post("/register", this::register);
        routing.post("/update", this::update);
        routing.delete("/update", this::removeTxt);
        routing.post("/deregister", this::deregister);
        routing.post("/rotate", this::rotate);
        routing.get("/health", (req, res) -> res.send());
    }

    private void register(ServerRequest req, ServerResponse res) {
        if (registration.token() != null && !("Bearer " + registration.token())
                .equals(req.headers().first(HeaderNames.AUTHORIZATION).orElse(""))) {
            throw AcmeDnsError.registrationForbidden();
        }
        ObjectNode body = body(req, true);
        List<CidrRange> allowFrom = new ArrayList<>();
        for (JsonNode cidr : body.path("allowfrom")) {
            try {
                allowFrom.add(CidrRange.parse(cidr.asText()));
            } catch (IllegalArgumentException e) {
                throw AcmeDnsError.invalidCidr();
            }
        }
        List<String> domains = new ArrayList<>();
        for (JsonNode domain : body.path("domains")) {
            domains.add(domain.asText().toLowerCase(java.util.Locale.ROOT));
        }
        if (!registration.allowedDomains().isEmpty()
                && (domains.isEmpty() || !domains.stream().allMatch(registration.allowedDomains()::covers))) {
            throw AcmeDnsError.domainNotAllowed();
        }
        AcmeDnsAccounts.Registered registered = accounts.register(allowFrom, domains);
        Delegation delegation = registered.delegation();
        ObjectNode json = AcmeJson.object()
                .put("username", delegation.credentials().username())
                .put("password", registered.password())
                .put("fulldomain", delegations.zone().nameOf(delegation.label()))
                .put("subdomain", delegation.label());
        delegation.allowFrom().forEach(json.putArray("allowfrom")::add);
        send(res, 201, json);
    }

    private void update(ServerRequest req, ServerResponse res) {
        TxtRequest request = txtRequest(req);
        String name = delegations.zone().nameOf(request.delegation().label());
        if (!board.txt(name).contains(request.txt()) && board.txt(name).size() >= MAX_VALUES_PER_NAME) {
            throw new AcmeDnsError(400, "too_many_txt");
        }
        board.publishTxt(name, request.txt(), TXT_LIFETIME);
        send(res, 200, AcmeJson.object().put("txt", request.txt()));
    }

    private void removeTxt(ServerRequest req, ServerResponse res) {
        TxtRequest request = txtRequest(req);
        board.withdrawTxt(delegations.zone().nameOf(request.delegation().label()), request.txt());
        send(res, 200, AcmeJson.object().put("txt", request.txt()));
    }

    private void deregister(ServerRequest req, ServerResponse res) {
        Delegation delegation = authenticate(req);
        delegations.remove(delegation);
        accounts.forget(delegation);
        send(res, 200, AcmeJson.object().put("subdomain", delegation.label()));
    }

    private void rotate(ServerRequest req, ServerResponse res) {
        Delegation delegation = authenticate(req);
        String password = accounts.rotate(delegation);
        send(res, 200, AcmeJson.object().put("username", delegation.credentials().username())
                .put("password", password));
    }

    private record TxtRequest(Delegation delegation, String txt) {
    }

    /** acme-dns order: credentials and source first, then the subdomain must be the user's, then the value. */
    private TxtRequest txtRequest(ServerRequest req) {
        Delegation delegation = authenticate(req);
        ObjectNode body = body(req, false);
        if (!delegation.label().equals(body.path("subdomain").asText())) {
            throw AcmeDnsError.forbidden();
        }
        String txt = body.path("txt").asText("");
        if (!TXT.matcher(txt).matches()) {
            throw AcmeDnsError.badTxt();
        }
        return new TxtRequest(delegation, txt);
    }

    private Delegation authenticate(ServerRequest req) {
        InetAddress source = req.remotePeer().address() instanceof InetSocketAddress socket ? socket.getAddress()
                : InetAddress.getLoopbackAddress();
        return accounts.authenticate(req.headers().first(HeaderNames.create("X-Api-User")).orElse(null),
                req.headers().first(HeaderNames.create("X-Api-Key")).orElse(null), source);
    }

    private static ObjectNode body(ServerRequest req, boolean emptyAllowed) {
        byte[] bytes;
        try (InputStream in = req.content().inputStream()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        } catch (IOException e) {
            throw AcmeDnsError.malformedJson();
        }
        if (bytes.length > MAX_BODY) {
            throw AcmeDnsError.malformedJson();
        }
        if (bytes.length == 0 && emptyAllowed) {
            return AcmeJson.object();
        }
        try {
            return AcmeJson.parseObject(bytes, "body");
        } catch (RuntimeException e) {
            throw AcmeDnsError.malformedJson();
        }
    }

    private static void error(ServerResponse res, AcmeDnsError e) {
        send(res, e.status, AcmeJson.object().put("error", e.code));
    }

    private static void send(ServerResponse res, int status, ObjectNode json) {
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(AcmeJson.write(json));
    }
}
