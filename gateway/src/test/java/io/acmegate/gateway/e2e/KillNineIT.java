package io.acmegate.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URL;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;

/**
 * DESIGN: every state change told to a client is durable before the response is sent, and issuance is a durable
 * job that a restart resumes. Clients work on the gateway while it is killed with SIGKILL; after a restart on the
 * same data directory, everything any client was told before the kill must still be there.
 */
class KillNineIT {

    private static final int SEQUENTIAL_CERTIFICATES = 3;
    private static final int CONCURRENT_CLIENTS = 4;
    /** Finalize requests acknowledged during the concurrent phase before the kill. */
    private static final int FINALIZED_BEFORE_KILL = 6;

    private static GatewayProcess gateway;

    @BeforeAll
    static void startGateway() {
        gateway = GatewayProcess.start("KillNineIT");
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    /** What the gateway told clients: each entry is added only after the client received the response. */
    private static final class Told {
        final Set<URL> orders = ConcurrentHashMap.newKeySet();
        final Set<URL> finalizedOrders = ConcurrentHashMap.newKeySet();
        final Map<URL, URL> certificateOfOrder = new ConcurrentHashMap<>();
        final Map<URL, List<byte[]>> certificateChains = new ConcurrentHashMap<>();
        final List<Throwable> failuresBeforeKill = Collections.synchronizedList(new ArrayList<>());
    }

    @Test
    @Timeout(240)
    void everythingToldToAClientSurvivesKill9() throws Exception {
        AcmeClient client = new AcmeClient(gateway);
        KeyPair accountKey = AcmeClient.newKeyPair();
        Account account = client.newAccount(accountKey, null);
        URL accountUrl = account.getLocation();
        Told told = new Told();

        Login login = client.login(accountUrl, accountKey);
        for (int i = 0; i < SEQUENTIAL_CERTIFICATES; i++) {
            AcmeClient.Issued issued = AcmeClient.issue(login, "before-" + i + ".kill.test");
            URL order = issued.order().getLocation();
            told.orders.add(order);
            told.finalizedOrders.add(order);
            record(told, order, issued.certificate());
        }

        orderConcurrentlyAndKill(client, accountUrl, accountKey, told);
        gateway.restart();

        Login afterRestart = client.login(accountUrl, accountKey);
        Account accountAfter = afterRestart.getAccount();
        accountAfter.fetch();
        assertEquals(Status.VALID, accountAfter.getStatus(), "account " + accountUrl + " after the restart");
        Map<Status, Integer> statusesAfterRestart = new EnumMap<>(Status.class);
        for (URL orderUrl : told.orders) {
            statusesAfterRestart.merge(assertOrderSurvived(afterRestart, orderUrl, told), 1, Integer::sum);
        }
        System.out.println("KillNineIT order statuses right after the restart: " + statusesAfterRestart);
        for (Map.Entry<URL, List<byte[]>> certificate : told.certificateChains.entrySet()) {
            assertDownloadsIdentically(afterRestart, certificate.getKey(), certificate.getValue());
        }
        gateway.stop(); // and SIGTERM still stops it after the recovery
    }

    /**
     * Several clients of the same account create and finalize orders in a loop; once enough finalize requests were
     * acknowledged, the gateway is killed while they are still at work.
     */
    private static void orderConcurrentlyAndKill(AcmeClient client, URL accountUrl, KeyPair accountKey, Told told)
            throws Exception {
        AtomicBoolean killed = new AtomicBoolean();
        CountDownLatch enoughFinalized = new CountDownLatch(FINALIZED_BEFORE_KILL);
        ExecutorService clients = Executors.newFixedThreadPool(CONCURRENT_CLIENTS);
        try {
            for (int c = 0; c < CONCURRENT_CLIENTS; c++) {
                String prefix = "client-" + c + "-";
                Login login = client.login(accountUrl, accountKey);
                clients.submit(() -> orderUntilKilled(login, prefix, told, killed, enoughFinalized));
            }
            boolean enough = enoughFinalized.await(60, TimeUnit.SECONDS);
            killed.set(true);
            gateway.kill9();
            System.out.println(summary("at the kill", told));
            if (!enough) {
                fail("fewer than " + FINALIZED_BEFORE_KILL + " finalize requests were acknowledged in 60 s; failures: "
                        + told.failuresBeforeKill + "\ngateway output:\n" + gateway.output());
            }
        } finally {
            clients.shutdownNow();
            assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS), "client threads did not stop after the kill");
        }
        if (!told.failuresBeforeKill.isEmpty()) {
            AssertionError error = new AssertionError("client calls failed before the kill: " + told.failuresBeforeKill);
            told.failuresBeforeKill.forEach(error::addSuppressed);
            throw error;
        }
    }

    private static void orderUntilKilled(Login login, String prefix, Told told, AtomicBoolean killed,
                                         CountDownLatch finalized) {
        for (int n = 0; !killed.get(); n++) {
            try {
                String name = prefix + n + ".kill.test";
                Order order = login.newOrder().domains(name).create();
                told.orders.add(order.getLocation());
                AcmeClient.finalizeOrder(order, AcmeClient.newKeyPair(), List.of(name));
                told.finalizedOrders.add(order.getLocation());
                finalized.countDown();
                if (order.waitForCompletion(Duration.ofSeconds(30)) == Status.VALID) {
                    Certificate certificate = order.getCertificate();
                    told.certificateOfOrder.put(order.getLocation(), certificate.getLocation());
                    certificate.download();
                    record(told, order.getLocation(), certificate);
                }
            } catch (Exception e) {
                if (!killed.get()) {
                    told.failuresBeforeKill.add(e);
                }
                return;
            }
        }
    }

    /** Checks one order told before the kill and returns the status it had right after the restart. */
    private static Status assertOrderSurvived(Login login, URL orderUrl, Told told) throws Exception {
        Order order = login.bindOrder(orderUrl);
        try {
            order.fetch();
        } catch (Exception e) {
            throw new AssertionError("order " + orderUrl + " was told to a client before the kill but cannot be"
                    + " fetched after the restart: " + e, e);
        }
        assertNotEquals(Status.INVALID, order.getStatus(), "order " + orderUrl + " after the restart: "
                + order.getError().map(Object::toString).orElse(""));
        Status afterRestart = order.getStatus();
        boolean finalized = told.finalizedOrders.contains(orderUrl);
        if (finalized && (order.getStatus() == Status.PENDING || order.getStatus() == Status.READY)) {
            fail("order " + orderUrl + ": its finalize request was acknowledged before the kill, but after the"
                    + " restart it is " + order.getStatus() + " (RFC 8555 §7.4: processing, then valid)");
        }
        if (order.getStatus() == Status.READY) {
            // Created before the kill, never finalized: it must still be usable.
            String name = order.getIdentifiers().get(0).getDomain();
            AcmeClient.finalizeOrder(order, AcmeClient.newKeyPair(), List.of(name));
        }
        // RFC 8555 §7.4: a finalized order that was processing at the kill must complete after the restart.
        AcmeClient.awaitValid(order);
        URL certificateUrl = told.certificateOfOrder.get(orderUrl);
        if (certificateUrl != null) {
            assertEquals(certificateUrl, order.getCertificate().getLocation(), "certificate URL of " + orderUrl);
        }
        return afterRestart;
    }

    private static void assertDownloadsIdentically(Login login, URL certificateUrl, List<byte[]> expectedChain)
            throws Exception {
        Certificate certificate = login.bindCertificate(certificateUrl);
        try {
            certificate.download();
        } catch (Exception e) {
            throw new AssertionError("certificate " + certificateUrl + " was downloaded before the kill but not"
                    + " after the restart: " + e, e);
        }
        List<byte[]> chain = encoded(certificate.getCertificateChain());
        assertEquals(expectedChain.size(), chain.size(), "chain length of " + certificateUrl);
        for (int i = 0; i < chain.size(); i++) {
            assertArrayEquals(expectedChain.get(i), chain.get(i), "certificate " + i + " of " + certificateUrl);
        }
    }

    /** What the clients held at the kill: shows which paths the restart had to honour in this run. */
    private static String summary(String when, Told told) {
        long unfinalized = told.orders.stream().filter(order -> !told.finalizedOrders.contains(order)).count();
        long finalizedWithoutCertificate = told.finalizedOrders.stream()
                .filter(order -> !told.certificateOfOrder.containsKey(order)).count();
        return "KillNineIT " + when + ": " + told.orders.size() + " orders told, " + unfinalized
                + " not finalized, " + finalizedWithoutCertificate + " finalized without a certificate yet, "
                + told.certificateChains.size() + " certificates downloaded";
    }

    private static void record(Told told, URL orderUrl, Certificate certificate) throws CertificateEncodingException {
        told.certificateOfOrder.put(orderUrl, certificate.getLocation());
        told.certificateChains.put(certificate.getLocation(), encoded(certificate.getCertificateChain()));
    }

    private static List<byte[]> encoded(List<X509Certificate> chain) throws CertificateEncodingException {
        List<byte[]> encoded = new ArrayList<>();
        for (X509Certificate certificate : chain) {
            encoded.add(certificate.getEncoded());
        }
        return encoded;
    }
}
