package io.acmegate.gateway.acme;

import io.acmegate.gateway.acme.handlers.AccountHandler;
import io.acmegate.gateway.acme.handlers.AuthorizationHandler;
import io.acmegate.gateway.acme.handlers.CertificateHandler;
import io.acmegate.gateway.acme.handlers.ChallengeHandler;
import io.acmegate.gateway.authz.ChallengeValidations;
import io.acmegate.policy.CertificateProfiles;
import io.acmegate.gateway.acme.handlers.DirectoryHandler;
import io.acmegate.gateway.acme.handlers.FinalizeHandler;
import io.acmegate.gateway.acme.handlers.KeyChangeHandler;
import io.acmegate.gateway.acme.handlers.NewAccountHandler;
import io.acmegate.gateway.acme.handlers.NewNonceHandler;
import io.acmegate.gateway.acme.handlers.NewOrderHandler;
import io.acmegate.gateway.acme.handlers.OrderHandler;
import io.acmegate.gateway.acme.handlers.OrdersListHandler;
import io.acmegate.gateway.acme.handlers.RenewalInfoHandler;
import io.acmegate.gateway.acme.handlers.RevokeCertHandler;
import io.acmegate.gateway.status.RenewalAdvice;
import io.acmegate.gateway.acme.jws.JwsVerifier;
import io.acmegate.gateway.acme.jws.NonceService;
import io.acmegate.gateway.acme.problem.Problems;
import io.acmegate.gateway.issuance.OrderService;
import io.acmegate.gateway.metrics.GatewayMetrics;
import io.acmegate.gateway.issuance.RevocationService;
import io.acmegate.gateway.registration.AccountService;
import io.acmegate.gateway.store.Store;
import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import java.net.URI;
import java.time.Clock;

/**
 * The RFC 8555 server: one route per resource, each served by its handler. Methods a resource does not
 * take get 405 (§6.3: everything but the directory and newNonce is POST only), unknown paths 404, both
 * as problem documents.
 */
public final class AcmeService {
    /** Orders per page of an account's orders list (RFC 8555 §7.1.2.1); Boulder and Pebble use similar sizes. */
    static final int ORDERS_PAGE = 100;
    private final AcmeUrls urls;
    private final NonceService nonces;
    private final Store store;
    private final AccountService accounts;
    private final OrderService orders;
    private final RevocationService revocations;
    private final URI termsOfService;
    private final boolean eabRequired;
    private final Clock clock;
    private final GatewayMetrics metrics;
    private final ChallengeValidations validations;
    private final CertificateProfiles profiles;

    public AcmeService(AcmeUrls urls, NonceService nonces, Store store, AccountService accounts,
                       OrderService orders, RevocationService revocations, URI termsOfService,
                       boolean eabRequired, CertificateProfiles profiles, ChallengeValidations validations,
                       GatewayMetrics metrics, Clock clock) {
        this.profiles = profiles;
        this.metrics = metrics;
        this.validations = validations;
        this.urls = urls;
        this.nonces = nonces;
        this.store = store;
        this.accounts = accounts;
        this.orders = orders;
        this.revocations = revocations;
        this.termsOfService = termsOfService;
        this.eabRequired = eabRequired;
        this.clock = clock;
    }

    public void routing(HttpRouting.Builder routing) {
        JwsVerifier verifier = new JwsVerifier(nonces, kid -> urls.accountIdOf(kid).flatMap(store::account));
        AcmeRequests requests = new AcmeRequests(urls, verifier);
        ResourceJson json = new ResourceJson(urls);
        String p = AcmeUrls.PREFIX;

        routing.addFilter(new AcmeHeadersFilter(nonces, urls));
        routing.addFilter((chain, req, res) -> {
            long started = System.nanoTime();
            try {
                chain.proceed();
            } finally {
                metrics.request(resourceOf(req.path().path()), java.time.Duration.ofNanos(System.nanoTime() - started));
            }
        });
        AcmeErrorHandlers.register(routing);
        get(routing, p + "/directory", new DirectoryHandler(urls, termsOfService, eabRequired, profiles.descriptions()));
        route(routing, p + "/new-nonce", new NewNonceHandler(), Method.HEAD, Method.GET);
        post(routing, p + "/new-account", new NewAccountHandler(requests, urls, json, accounts));
        post(routing, p + "/acct/{id}", new AccountHandler(requests, json, accounts));
        post(routing, p + "/acct/{id}/orders", new OrdersListHandler(requests, urls, store, ORDERS_PAGE));
        post(routing, p + "/new-order", new NewOrderHandler(requests, urls, json, orders));
        post(routing, p + "/order/{id}", new OrderHandler(requests, json, orders, store));
        post(routing, p + "/order/{id}/finalize", new FinalizeHandler(requests, urls, json, orders, store));
        post(routing, p + "/authz/{id}", new AuthorizationHandler(requests, json, store, validations, clock));
        post(routing, p + "/chall/{id}/{type}", new ChallengeHandler(requests, urls, json, store, validations));
        CertificateHandler certificates = new CertificateHandler(requests, urls, store);
        post(routing, p + "/cert/{id}", certificates);
        post(routing, p + "/cert/{id}/{n}", certificates);
        post(routing, p + "/revoke-cert", new RevokeCertHandler(requests, revocations));
        post(routing, p + "/key-change", new KeyChangeHandler(requests, verifier, urls, json, accounts));
        get(routing, p + "/renewal-info/{certId}", new RenewalInfoHandler(store, new RenewalAdvice(store)));
        routing.any((req, res) -> {
            throw Problems.notFound("no ACME resource at " + req.path().rawPath() + "; the directory is at "
                    + urls.directory());
        });
    }

    /** The metrics label of a path: its resource type, never an id (ids would make a label per request). */
    static String resourceOf(String path) {
        String[] parts = path.split("/");
        if (parts.length < 3 || !("/" + parts[1]).equals(AcmeUrls.PREFIX)) {
            return "other";
        }
        String resource = parts[2];
        if (resource.equals("order") && parts.length == 5 && parts[4].equals("finalize")) {
            return "finalize";
        }
        if (resource.equals("acct") && parts.length == 5 && parts[4].equals("orders")) {
            return "orders";
        }
        return switch (resource) {
            case "directory", "new-nonce", "new-account", "acct", "new-order", "order", "authz", "chall", "cert",
                 "revoke-cert", "key-change", "renewal-info" -> resource;
            default -> "other";
        };
    }

    private static void get(HttpRouting.Builder routing, String path, Handler handler) {
        route(routing, path, handler, Method.GET);
    }

    private static void post(HttpRouting.Builder routing, String path, Handler handler) {
        route(routing, path, handler, Method.POST);
    }

    private static void route(HttpRouting.Builder routing, String path, Handler handler, Method... methods) {
        for (Method method : methods) {
            routing.route(method, path, handler);
        }
        routing.any(path, (req, res) -> {
            throw Problems.methodNotAllowed(req.prologue().method().text() + " is not allowed here");
        });
    }
}
