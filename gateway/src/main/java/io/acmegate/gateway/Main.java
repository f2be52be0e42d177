package io.acmegate.gateway;

import io.acmegate.gateway.cli.Cli;
import io.helidon.logging.common.LogConfig;

/** The entry point of the acmegate jar; see {@link Cli} for the commands. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Gateway.shareOneMapperManager();
        LogConfig.configureRuntime();
        int status = Cli.run(args, System.out, System.err);
        if (status != 0 || !(args.length > 0 && args[0].equals("serve"))) {
            System.exit(status);
        }
    }
}
