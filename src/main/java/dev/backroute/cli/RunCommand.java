package dev.backroute.cli;

import dev.backroute.camel.BackrouteRuntime;
import dev.backroute.camel.RuntimeMode;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.TypeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;

@Command(name = "run", description = "The long-running runtime: scheduled backups, validation, retention, alerts;"
        + " health and Prometheus metrics over HTTP. Stops cleanly on SIGTERM.")
final class RunCommand extends CommandBase {

    @Option(names = "--http-port", paramLabel = "N", defaultValue = "9876", description = "port of /observe/health and /observe/metrics (default ${DEFAULT-VALUE})")
    int httpPort;

    @Option(names = "--http-host", paramLabel = "ADDR", defaultValue = "0.0.0.0", description = "address to listen on (default ${DEFAULT-VALUE})")
    String httpHost;

    @Override
    public Integer call() throws Exception {
        BackupConfig config = config();
        if (config.enabledTypes().isEmpty()) {
            throw new ErrorReporter.UsageException("no backup type is enabled in " + config.configFile() + ": nothing to schedule");
        }
        BackrouteRuntime runtime = new BackrouteRuntime(config, env(), Clock.systemUTC(), BackrouteRuntime.defaultRoutesDir(),
                RuntimeMode.service(httpHost, httpPort));
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM and Ctrl-C: Camel's graceful shutdown lets a backup in flight finish (up to its timeout);
        // one cut short leaves only staging files, removed by the type's next run.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runtime.close();
            } catch (Exception e) {
                System.err.println("backroute: error while stopping: " + dev.backroute.Errors.describe(e));
            } finally {
                stopped.countDown();
            }
        }, "backroute-shutdown"));
        for (TypeConfig t : config.enabledTypes()) {
            out().println("scheduled " + t.name() + " (" + t.schedule() + ")");
        }
        out().println("health: http://" + httpHost + ":" + httpPort + "/observe/health, metrics: http://" + httpHost + ":"
                + httpPort + "/observe/metrics; stop with SIGTERM or Ctrl-C");
        out().flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
