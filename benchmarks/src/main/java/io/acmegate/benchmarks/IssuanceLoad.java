package io.acmegate.benchmarks;

import io.acmegate.gateway.upstream.acme.TrustingAcmeProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.provider.AcmeProvider;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/**
 * Load driver: full ACME issuance flows (RFC 8555 §7.4) with acme4j against one server, printing
 * throughput and latency. See benchmarks/README.md.
 *
 * <p>Prints, after a --driver-warmup, "target driver-warmup-flows=N driver-warmup-errors=E"; then
 * "target flows=N errors=E duration=Ss flows/s=X p50=Yms p99=Zms", then
 * "target issued=N warmup-errors=E", with --server-pid "target cpu-ms/flow server=X driver=Y", and the
 * first few error messages. Exits 0 when at least one flow succeeded, 1 when none did, 2 on a bad command
 * line.
 */
public final class IssuanceLoad {

    private IssuanceLoad() {
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (LoadOptions.BadOptionException e) {
            System.err.println("IssuanceLoad: " + e.getMessage());
            System.err.println(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        // acme4j's KeyPairUtils and CSRBuilder need the BouncyCastle provider.
        Security.addProvider(new BouncyCastleProvider());
        if (options.driverWarmup().isPresent()) {
            System.out.println(warmUp(options.driverWarmup().get(), options));
        }
        AcmeProvider provider = provider(options.trust());
        List<IssuanceClient> clients = new ArrayList<>();
        for (int i = 0; i < options.threads(); i++) {
            clients.add(IssuanceClient.register(provider, options.directory(), options));
        }
        LoadResult result = new LoadRun(clients, options).run();

        System.out.println(result.summaryLine());
        System.out.println(result.issuedLine());
        result.cpuLine().ifPresent(System.out::println);
        for (String error : result.firstErrors()) {
            System.out.println(options.target() + " error: " + error);
        }
        System.exit(result.flows() > 0 ? 0 : 1);
    }

    /**
     * Flows on one thread against the warm-up server, unmeasured, so that the driver's JIT has compiled its
     * code before the measured run, as it has after a long --warmup against a server that allows one.
     */
    private static String warmUp(LoadOptions.DriverWarmup warmup, LoadOptions options) throws Exception {
        IssuanceClient client = IssuanceClient.register(provider(warmup.trust()), warmup.directory(), options);
        long end = System.nanoTime() + warmup.duration().toNanos();
        int flows = 0;
        int errors = 0;
        while (System.nanoTime() - end < 0) {
            try {
                client.issueOne();
                flows++;
            } catch (AcmeException | IOException | RuntimeException e) {
                errors++;
            }
        }
        // Names of their own: the scripts read "flows=" and "errors=" of the measured run from these lines.
        return options.target() + " driver-warmup-flows=" + flows + " driver-warmup-errors=" + errors;
    }

    private static AcmeProvider provider(Optional<Path> trust) throws IOException, GeneralSecurityException {
        return trust.isPresent()
                ? new TrustingAcmeProvider(TrustingAcmeProvider.trusting(trust.get()))
                : new GenericAcmeProvider();
    }
}
