package dev.backroute.camel;

import dev.backroute.BackrouteExchange;
import dev.backroute.backup.BackupGroup;
import dev.backroute.catalog.ManifestAuthority;
import dev.backroute.cluster.ClusterDatabase;
import dev.backroute.cluster.QuartzCluster;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.ConfigException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import dev.backroute.config.TypeConfig;
import dev.backroute.drill.DrillRecords;
import dev.backroute.drill.DrillService;
import dev.backroute.ops.Dashboard;
import dev.backroute.cluster.ClusterOverview;
import dev.backroute.pipeline.ProgressListener;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.main.SimpleMainShutdownStrategy;
import org.apache.camel.model.Model;
import org.apache.camel.support.DefaultExchange;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The Camel side of Backroute: camel-main with the YAML routes of {@code routes/} loaded from the file
 * system, one backup route per configured type made from their template, and the step beans bound from
 * Java. The CLI starts it, sends to {@code direct:backup-<type>} and reads the outcome back from the exchange.
 */
public final class BackrouteRuntime implements AutoCloseable {
    public static final String ROUTES_DIR_PROPERTY = "backroute.routes";

    private final Main main;
    private final ProducerTemplate producer;

    public BackrouteRuntime(BackupConfig config, Map<String, String> env, Clock clock, Path routesDir) throws Exception {
        this(config, env, clock, routesDir, RuntimeMode.oneShot());
    }

    public BackrouteRuntime(BackupConfig config, Map<String, String> env, Clock clock, Path routesDir, RuntimeMode mode) throws Exception {
        if (!Files.isDirectory(routesDir)) {
            throw new IllegalStateException("routes folder " + routesDir + " not found: run from the Backroute folder or set -D"
                    + ROUTES_DIR_PROPERTY + "=DIR");
        }
        main = new RoutesMain();
        if (!mode.service()) {
            // A one-shot command's SIGINT/SIGTERM belong to the CLI's InterruptHook, which undoes the unfinished
            // work and halts. The default strategy adds a JVM hook that would instead wait for that work, up to
            // the shutdown timeout (its disableHangupSupport() does not stop it from adding the hook).
            main.setShutdownStrategy(new SimpleMainShutdownStrategy());
        }
        BackrouteBeans beans = new BackrouteBeans(config, env, clock);
        main.configure().addConfiguration(beans);
        main.configure().addConfiguration(new AlertBeans(config, env, clock));
        main.configure().withName("backroute").withJmxEnabled(false).withShutdownTimeout(60);
        main.addInitialProperty("camel.main.routesIncludePattern", "file:" + routesDir.toAbsolutePath() + "/*.camel.yaml");
        if (!mode.service()) {
            // Schedules, validation passes and the dead-man's switch belong to the run runtime only.
            main.addInitialProperty("camel.main.routesExcludePattern", "file:" + routesDir.toAbsolutePath() + "/operations.camel.yaml");
        }
        RuntimeProperties.of(config, mode).forEach(main::addInitialProperty);
        boolean clustered = mode.service() && config.cluster().enabled();
        if (clustered) {
            QuartzCluster.prepare(new ClusterDatabase(config.cluster(), env));
        }
        if (mode.service() && mode.management().token() != null) {
            main.bind("backroute-management-server", new TokenCheckingServerFactory(mode.management().token()));
        }
        // After the routes are read, before any starts: a timer or a CLI backup must not run a broken pipeline.
        PipelineGuard guard = new PipelineGuard(routesDir);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                CamelContext camel = configured.getCamelContext();
                if (clustered) {
                    // One scheduler name on every member: Quartz's rows in the cluster database are keyed by it.
                    QuartzComponent quartz = camel.getComponent("quartz", QuartzComponent.class);
                    quartz.setPrefixInstanceName(false);
                    quartz.setProperties(QuartzCluster.properties(config.cluster()));
                }
                try {
                    BackupRoutes.add(camel, config, routesDir);
                } catch (ConfigException e) {
                    throw e;
                } catch (Exception e) {
                    throw new ConfigException(routesDir.toString(), routesDir + ": cannot make the backup routes from routeTemplate "
                            + BackupRoutes.TEMPLATE + ": " + e.getMessage() + " (see docs/architecture.md)");
                }
                guard.check(camel.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinitions(), config);
                if (mode.service()) {
                    // Before the scheduler starts: in a cluster, a fire that is due, misfired or being taken over from a
                    // dead member fires as soon as it does, and one whose route is not there yet would be lost.
                    schedule(camel, config);
                }
            }
        });
        main.start();
        producer = main.getCamelContext().createProducerTemplate();
        if (mode.service()) {
            beans.recordCatalogMetrics();
            beans.recordDrillMetrics();
            DashboardHttp.mount(context(), new Dashboard(config, beans.manager(), clock, beans.watchingSince(),
                    new DrillRecords(config, ManifestAuthority.of(config, env)), () -> ClusterOverview.of(config.cluster(), env)));
            HealthCheckRegistry.get(context()).register(beans.typesHealthCheck());
            if (clustered) {
                ClusterWatchService.install(context(), beans.clusterWatch());
                QuartzCluster.warnOfForeignSchedules(context().getComponent("quartz", QuartzComponent.class).getScheduler(),
                        config.enabledTypes().stream().map(TypeConfig::name).collect(java.util.stream.Collectors.toSet()));
            }
        }
    }

    /** One Quartz route per enabled type, from the scheduled-backup template of routes/operations.camel.yaml. */
    private static void schedule(CamelContext camel, BackupConfig config) {
        for (TypeConfig type : config.enabledTypes()) {
            TemplatedRouteBuilder.builder(camel, "scheduled-backup").routeId("schedule-" + type.name())
                    .parameter("type", type.name()).parameter("cron", RuntimeProperties.cronForUri(type.quartzSchedule())).add();
        }
    }

    /** Default routes folder: {@code -Dbackroute.routes}, else {@code routes} under the launcher's folder or the working directory. */
    public static Path defaultRoutesDir() {
        String explicit = System.getProperty(ROUTES_DIR_PROPERTY);
        if (explicit != null) {
            return Path.of(explicit);
        }
        String home = System.getProperty("backroute.home");
        return home != null ? Path.of(home, "routes") : Path.of("routes");
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    /**
     * A fresh exchange for a backup of {@code type} whose byte counts, read-back included, go to
     * {@code progress}; the run appears on it once the route has begun.
     */
    public Exchange newBackupExchange(String type, ProgressListener progress) {
        return newBackupExchange(type, progress, false);
    }

    /** @param readAll read every file, as if the type's files cache were off ({@code backup --force-read}) */
    public Exchange newBackupExchange(String type, ProgressListener progress, boolean readAll) {
        Exchange exchange = new DefaultExchange(context());
        exchange.setProperty(BackrouteExchange.TYPE, type);
        exchange.setProperty(BackrouteExchange.PROGRESS, progress);
        exchange.setProperty(BackrouteExchange.READ_ALL, readAll);
        return exchange;
    }

    /** Runs the backup route for the exchange, then validation and retention (after-backup), and tells how it ended. */
    public BackupOutcome backup(Exchange exchange) {
        String type = exchange.getProperty(BackrouteExchange.TYPE, String.class);
        Exchange done = producer.send("direct:backup-" + type, exchange);
        producer.send("direct:after-backup", done);
        BackupGroup group = done.getProperty(BackrouteExchange.GROUP, BackupGroup.class);
        Throwable error = done.getException();
        if (error == null && group == null) {
            // The run never began (the type was locked, say): the error handler recorded why.
            error = done.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        }
        return BackupOutcome.of(type, group, error);
    }

    /**
     * Runs the drill route for {@code type}: its newest successful run, or {@code backupRef}; alerts raised. Throws what
     * stopped the drill before it could be recorded (no backup to drill, a setting missing, another drill running).
     */
    public DrillService.Outcome drill(String type, String backupRef, boolean keep, ProgressListener progress, Consumer<String> say)
            throws Exception {
        Exchange exchange = new DefaultExchange(context());
        exchange.setProperty(BackrouteExchange.TYPE, type);
        exchange.setProperty(BackrouteExchange.DRILL_BACKUP, backupRef);
        exchange.setProperty(BackrouteExchange.DRILL_KEEP, keep);
        exchange.setProperty(BackrouteExchange.PROGRESS, progress);
        exchange.setProperty(BackrouteExchange.SAY, say);
        Exchange done = producer.send("direct:drill", exchange);
        if (done.getException() != null) {
            throw done.getException();
        }
        return done.getProperty(BackrouteExchange.DRILL_OUTCOME, DrillService.Outcome.class);
    }

    @Override
    public void close() throws Exception {
        main.stop();
    }

    /**
     * camel-main, less the pre-parse it gives every routes file before loading it, which looks only for
     * modeline comments, {@code beans} and Kamelet {@code Pipe} documents: Backroute's routes have none (its
     * beans are bound in Java, BackrouteBeans and AlertBeans), and the YAML parse cost ~0.07 s of every start.
     */
    private static final class RoutesMain extends Main {
        @Override
        protected void modelineRoutes(CamelContext camelContext) {
            // nothing to pre-parse; the routes are loaded once, as usual, by configureRoutes
        }
    }
}
