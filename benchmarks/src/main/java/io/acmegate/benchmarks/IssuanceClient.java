package io.acmegate.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.PollableResource;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.provider.AcmeProvider;
import org.shredzone.acme4j.util.CSRBuilder;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * One benchmark client: an ACME account of its own and the full issuance flow of RFC 8555 §7.4,
 * as an ordinary client runs it.
 *
 * <p>Not thread-safe: each load thread owns one. The certificate key is generated once and reused
 * for every CSR, so that key generation is not what gets measured.
 */
final class IssuanceClient {

    /** Statuses an authorization passes through while its challenge is validated (§7.1.6). */
    private static final Set<Status> AUTHZ_IN_FLIGHT = Set.of(Status.PENDING);
    /**
     * Status of an order after finalization until the certificate exists (§7.1.6); an order still
     * "ready" after finalize is a server fault, reported at once rather than polled.
     */
    private static final Set<Status> ORDER_IN_FLIGHT = Set.of(Status.PROCESSING);

    private final Account account;
    private final KeyPair certificateKey;
    private final LoadOptions options;

    private IssuanceClient(Account account, KeyPair certificateKey, LoadOptions options) {
        this.account = account;
        this.certificateKey = certificateKey;
        this.options = options;
    }

    /**
     * Opens a session of its own (own HTTP client, own nonces) with the server at {@code directory} and
     * registers a new account.
     *
     * @throws AcmeException if the directory cannot be read or the account is refused
     */
    static IssuanceClient register(AcmeProvider provider, URI directory, LoadOptions options) throws AcmeException {
        Session session = new Session(directory, provider);
        session.networkSettings().setTimeout(options.httpTimeout());
        // Distinct keys: servers may refuse a CSR signed with the account key (RFC 8555 §11.1).
        Account account = new AccountBuilder()
                .agreeToTermsOfService()
                .useKeyPair(KeyPairUtils.createECKeyPair("secp256r1"))
                .create(session);
        return new IssuanceClient(account, KeyPairUtils.createECKeyPair("secp256r1"), options);
    }

    /**
     * Runs one flow to the downloaded certificate: new order, every authorization, finalize,
     * poll, download.
     *
     * @throws FlowFailedException if the server ends the flow in a state other than valid, or it
     *                             does not finish within the flow timeout
     * @throws AcmeException       on a protocol or transport error
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void issueOne() throws AcmeException, IOException, InterruptedException {
        Instant deadline = Instant.now().plus(options.flowTimeout());
        List<String> names = randomNames();
        Order order = account.newOrder().domains(names).create();
        for (Authorization authorization : order.getAuthorizations()) {
            validate(authorization, deadline);
        }
        CSRBuilder csr = new CSRBuilder();
        csr.addDomains(names);
        csr.sign(certificateKey);
        order.execute(csr.getEncoded());
        Status orderStatus = waitWhile(order, ORDER_IN_FLIGHT, deadline);
        if (orderStatus != Status.VALID) {
            throw new FlowFailedException("order " + order.getLocation() + " ended " + orderStatus
                    + order.getError().map(problem -> ": " + problem).orElse(""));
        }
        order.getCertificate().download();
    }

    /** Answers the authorization's http-01 challenge if it still needs one (RFC 8555 §7.5.1). */
    private void validate(Authorization authorization, Instant deadline)
            throws AcmeException, InterruptedException {
        // The first getStatus() fetches the authorization; a server may hand it out already valid.
        if (authorization.getStatus() == Status.PENDING) {
            Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class)
                    .orElseThrow(() -> new FlowFailedException(
                            "no http-01 challenge in " + authorization.getLocation()));
            challenge.trigger();
            waitWhile(authorization, AUTHZ_IN_FLIGHT, deadline);
        }
        if (authorization.getStatus() != Status.VALID) {
            throw new FlowFailedException("authorization " + authorization.getLocation() + " is "
                    + authorization.getStatus());
        }
    }

    /**
     * Fetches the resource until its status leaves {@code inFlight}; the first fetch is
     * immediate. Between fetches it waits for Retry-After (RFC 8555 §8.2) when the server sends
     * one, else for the poll interval, never longer than the poll cap.
     */
    private Status waitWhile(PollableResource resource, Set<Status> inFlight, Instant deadline)
            throws AcmeException, InterruptedException {
        while (true) {
            Optional<Instant> retryAfter = resource.fetch();
            Status status = resource.getStatus();
            if (!inFlight.contains(status)) {
                return status;
            }
            Duration wait = retryAfter
                    .map(at -> Duration.between(Instant.now(), at))
                    .filter(untilThen -> !untilThen.isNegative())
                    .orElse(options.pollInterval());
            if (wait.compareTo(options.maxPollWait()) > 0) {
                wait = options.maxPollWait();
            }
            if (Instant.now().plus(wait).isAfter(deadline)) {
                throw new FlowFailedException("still " + status + " after " + options.flowTimeout().toSeconds() + " s");
            }
            Thread.sleep(wait);
        }
    }

    private List<String> randomNames() {
        HexFormat hex = HexFormat.of();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<String> names = new ArrayList<>(options.namesPerOrder());
        for (int i = 0; i < options.namesPerOrder(); i++) {
            names.add("n" + hex.toHexDigits(random.nextLong()) + "." + options.domainSuffix());
        }
        return names;
    }

    /** A flow that the server ended, or let hang, short of a certificate. */
    static final class FlowFailedException extends RuntimeException {
        FlowFailedException(String message) {
            super(message);
        }
    }
}
