package io.acmegate.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Not a test: the responder side of scripts/bench-http.sh. Publishes N random tokens, writes them to
 * {@code DIR/tokens.txt} (one per line) and as files under {@code DIR/webroot/.well-known/acme-challenge/} (so that
 * nginx serves the same answers), starts the responder on a free loopback port, writes that port to
 * {@code DIR/port} and serves until killed.
 *
 * <p>Usage: {@code BenchmarkResponderMain DIR [TOKEN_COUNT]}
 */
public final class BenchmarkResponderMain {

    private BenchmarkResponderMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: BenchmarkResponderMain DIR [TOKEN_COUNT]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        Tokens tokens = new Tokens();
        Path challengeDir = Files.createDirectories(dir.resolve("webroot").resolve(ChallengePath.PREFIX.substring(1)));
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String token = tokens.publishNew();
            names.add(token);
            Files.writeString(challengeDir.resolve(token), tokens.keyAuthorizationOf(token), StandardCharsets.US_ASCII);
        }
        Files.write(dir.resolve("tokens.txt"), names, StandardCharsets.US_ASCII);

        Http01Responder responder = Http01Responder.start(
                HttpResponderConfig.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), tokens);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            responder.close();
            stopped.countDown();
        }));
        // Written last and atomically: the script starts measuring once the port file exists.
        Path portFile = dir.resolve("port.tmp");
        Files.writeString(portFile, String.valueOf(responder.address().getPort()));
        Files.move(portFile, dir.resolve("port"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.println("responder serving " + count + " tokens on " + responder.address());
        stopped.await();
    }
}
