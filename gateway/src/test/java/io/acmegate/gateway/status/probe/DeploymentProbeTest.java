package io.acmegate.gateway.status.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.acmegate.gateway.TestClock;
import io.acmegate.gateway.ca.IssuedChain;
import io.acmegate.gateway.ca.LocalCa;
import io.acmegate.gateway.model.Lineage;
import io.acmegate.gateway.status.LineageBook;
import io.acmegate.gateway.status.StatusIndex;
import io.acmegate.gateway.status.RecordingNotifier;
import io.acmegate.gateway.status.TestLineages;
import io.acmegate.gateway.status.notify.Notifications;
import io.acmegate.gateway.store.MapDbStore;
import io.acmegate.plugins.notify.StatusEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe against a real TLS listener on loopback. */
class DeploymentProbeTest {
    @TempDir
    Path dir;

    /** Serves one certificate to every TLS client until closed. */
    private static SSLServerSocket serve(KeyPair keys, IssuedChain chain) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("k", keys.getPrivate(), new char[0], chain.chain().toArray(new X509Certificate[0]));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance("PKIX");
        keyManagers.init(store, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 10,
                InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.startHandshake();
                } catch (IOException ignored) {
                    // closed, or a client that went away: next
                }
            }
        });
        return server;
    }

    @Test
    void tellsCurrentOlderAndUnreachableApartAndNotifiesAnOldCertificateOnce() throws Exception {
        LocalCa ca = LocalCa.openOrCreate(dir.resolve("ca"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        IssuedChain served = ca.issue(keys.getPublic(), List.of("www.probe.test"), Duration.ofDays(30));
        String servedSerial = served.leaf().getSerialNumber().toString(16);
        int closedPort;
        try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = unused.getLocalPort();
        }
        TestClock clock = new TestClock();
        RecordingNotifier notifier = new RecordingNotifier();
        try (SSLServerSocket server = serve(keys, served); MapDbStore store = MapDbStore.open(dir.resolve("s.mapdb"))) {
            LineageBook book = new LineageBook(store, new StatusIndex(), clock);
            DeploymentProbe probe = new DeploymentProbe(book, store, new TlsProbe(Duration.ofSeconds(5)),
                    new Notifications(List.of(notifier)), clock);
            Lineage.Endpoint live = new Lineage.Endpoint("127.0.0.1", server.getLocalPort(), "www.probe.test");
            Lineage.Endpoint dead = new Lineage.Endpoint("127.0.0.1", closedPort, null);

            Lineage current = store.putLineage(TestLineages.issued("a", List.of("www.probe.test"), servedSerial,
                    clock.now, Duration.ofDays(30)));
            book.endpoints(current.id(), List.of(live, dead));
            List<Lineage.ProbeResult> results = probe.probe(current.id());
            assertEquals(List.of(DeploymentProbe.CURRENT, DeploymentProbe.UNREACHABLE),
                    results.stream().map(Lineage.ProbeResult::result).toList());
            assertEquals(servedSerial, results.get(0).servedSerial());

            Lineage renewedElsewhere = store.putLineage(new Lineage(0, current.client(), List.of("www.probe.test", "x"),
                    current.source(), TestLineages.issued("a", List.of("x"), "beef", clock.now, Duration.ofDays(30))
                    .current(), current.window(), null, null, null, List.of(servedSerial), List.of(live), List.of(),
                    clock.now));
            book.index().put(renewedElsewhere);
            probe.probeAll();
            probe.probeAll();
            assertEquals(DeploymentProbe.OLDER, store.lineage(renewedElsewhere.id()).orElseThrow().deployment().get(0)
                    .result());
            assertEquals(List.of(StatusEvent.DEPLOYMENT_STALE), notifier.events.stream().map(StatusEvent::kind).toList(),
                    "an old certificate still served is told once, not at every probe");
        }
    }
}
