package dev.backroute.cli;

import dev.backroute.camel.BackrouteRuntime;
import dev.backroute.camel.ManagementEndpoint;
import dev.backroute.camel.RuntimeMode;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.TypeConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;

@Command(name = "run", description = "The long-running runtime: scheduled backups, validation, retention, alerts;"
        + " health and Prometheus metrics over HTTP. Stops cleanly on SIGTERM.",
        footer = {"", "Examples:", "  ./backroute run", "  ./backroute run --http-port 9900"})
final class RunCommand extends CommandBase {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = "--http-port", paramLabel = "N", description = "port of the dashboard, /observe/health and /observe/metrics"
            + " (default: management.port of the config, else 9876)")
    Integer httpPort;

    @Option(names = "--http-host", paramLabel = "ADDR", description = "address to listen on (default: management.host of the config,"
            + " else 127.0.0.1); any other than loopback needs management.token_env or management.token_file")
    String httpHost;

    @Override
    public Integer call() throws Exception {
        BackupConfig config = config();
        if (config.enabledTypes().isEmpty()) {
            throw new ErrorReporter.UsageException("no backup type is enabled in " + config.configFile() + ": nothing to schedule");
        }
        ManagementEndpoint management = ManagementEndpoint.of(config.management(), httpHost, httpPort, env());
        if (management.open()) {
            LOG.warn("the dashboard, health details and metrics are served on {}:{} without a token (management.allow_unauthenticated):"
                    + " anyone who can reach that port can read them", management.host(), management.port());
        }
        BackrouteRuntime runtime = new BackrouteRuntime(config, env(), Clock.systemUTC(), BackrouteRuntime.defaultRoutesDir(),
                RuntimeMode.service(management));
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
        // An IPv6 literal needs brackets in a URL.
        String host = management.host().contains(":") ? "[" + management.host() + "]" : management.host();
        String base = "http://" + host + ":" + management.port();
        out().println("dashboard: " + base + "/, health: " + base + "/observe/health, metrics: " + base + "/observe/metrics"
                + (management.token() != null ? " (bearer token required)" : "") + "; stop with SIGTERM or Ctrl-C");
        out().flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
