package dev.backroute.camel;

import dev.backroute.backup.BeginArtifact;
import dev.backroute.backup.BeginBackup;
import dev.backroute.backup.Checksum;
import dev.backroute.backup.Compress;
import dev.backroute.backup.Encrypt;
import dev.backroute.backup.RecordFailure;
import dev.backroute.backup.Stage;
import dev.backroute.backup.RepositoryStore;
import dev.backroute.backup.Store;
import dev.backroute.catalog.TypeRepositories;
import dev.backroute.backup.WriteManifest;
import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.BackupManager;
import dev.backroute.catalog.Locks;
import dev.backroute.catalog.ManifestAuthority;
import dev.backroute.cluster.ClusterDatabase;
import dev.backroute.config.BackupConfig;
import dev.backroute.postgres.PgDumpCommand;
import dev.backroute.postgres.PgDumpResult;
import dev.backroute.ops.AlertFailure;
import dev.backroute.ops.ApplyRetention;
import dev.backroute.ops.BackupMetrics;
import dev.backroute.ops.ClusterMetrics;
import dev.backroute.ops.ClusterWatch;
import dev.backroute.ops.DrillTypes;
import dev.backroute.ops.DueTypes;
import dev.backroute.ops.Takeover;
import dev.backroute.ops.FinishRun;
import dev.backroute.ops.OverdueCheck;
import dev.backroute.ops.PruneRepositories;
import dev.backroute.ops.RecordMetrics;
import dev.backroute.ops.TargetProbe;
import dev.backroute.ops.TypesHealth;
import dev.backroute.ops.TypeAlerts;
import dev.backroute.ops.ValidateBackups;
import dev.backroute.restore.BackupValidator;
import dev.backroute.restore.SubsetValidator;
import dev.backroute.retention.RepositoryPruner;
import dev.backroute.retention.RetentionCleaner;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelConfiguration;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * The steps the YAML routes refer to by name: each its class's name in lowerCamelCase. The steps are
 * adapters in this package over the plain services of packages backup, ops and the kinds, built here.
 */
public final class BackrouteBeans implements CamelConfiguration {
    private static final MeterRegistry FALLBACK = new SimpleMeterRegistry();

    private final BackupConfig config;
    private final Map<String, String> env;
    private final Clock clock;
    private final Locks locks;

    private final BackupManager manager;
    private final TypeAlerts alerts;
    private final BackupMetrics metrics;
    private final BackupValidator validator;
    private final OverdueCheck overdueCheck;
    private final ClusterWatch clusterWatch;
    private volatile CamelContext context;

    public BackrouteBeans(BackupConfig config, Map<String, String> env, Clock clock) {
        this.config = config;
        this.env = env;
        this.clock = clock;
        this.locks = Locks.of(config, env);
        // One catalog for every step, trusting what the keyset in this runtime's environment seals.
        this.manager = new BackupManager(config, new BackupCatalog(config, ManifestAuthority.of(config, env)), clock);
        this.alerts = new TypeAlerts(config, manager, clock);
        this.metrics = new BackupMetrics(this::meterRegistry);
        this.validator = new BackupValidator(config, env, clock);
        this.overdueCheck = new OverdueCheck(config, manager, alerts, metrics, clock);
        // Made whatever the config: without a cluster its route does not start and nothing calls it.
        this.clusterWatch = new ClusterWatch(new ClusterDatabase(config.cluster(), env), new ClusterMetrics(this::meterRegistry), clock);
    }

    @Override
    public void configure(CamelContext camelContext) {
        this.context = camelContext;
    }

    /** What the dashboard reads the catalog through. */
    BackupManager manager() {
        return manager;
    }

    /** When the runtime began watching: the reference for types that never succeeded (health, overdue). */
    Instant watchingSince() {
        return overdueCheck.watchingSince();
    }

    /** The run runtime at start: what each type keeps, into the metrics, before any backup of this process. */
    void recordCatalogMetrics() {
        recordMetrics().recordCatalog();
    }

    /** {@code /observe/health}'s check of the types, on the same catalog and start time as the overdue check. */
    TypesHealthCheck typesHealthCheck() {
        return new TypesHealthCheck(new TypesHealth(config, manager, clock, watchingSince()));
    }

    /** This member's check-ins, for the cluster-watch route, the health check and the start and stop of {@code run}. */
    ClusterWatch clusterWatch() {
        return clusterWatch;
    }

    private RecordMetrics recordMetrics() {
        return new RecordMetrics(config, manager, metrics);
    }

    /** camel-micrometer-prometheus's registry in the run runtime; a private one where metrics are off (CLI). */
    private MeterRegistry meterRegistry() {
        MeterRegistry registry = context == null ? null : context.getRegistry().findSingleByType(MeterRegistry.class);
        return registry != null ? registry : FALLBACK;
    }

    @BindToRegistry("alertFailureStep")
    public AlertFailureStep alertFailureStep() { return new AlertFailureStep(new AlertFailure(alerts)); }

    @BindToRegistry("finishRunStep")
    public FinishRunStep finishRunStep() { return new FinishRunStep(new FinishRun(alerts)); }

    @BindToRegistry("recordMetricsStep")
    public RecordMetricsStep recordMetricsStep() { return new RecordMetricsStep(recordMetrics()); }

    @BindToRegistry("validation")
    public Validation validation() {
        return new Validation(new ValidateBackups(config, validator, new SubsetValidator(config, new TypeRepositories(config, env)),
                metrics, alerts));
    }

    @BindToRegistry("drilling")
    public Drilling drilling() {
        return new Drilling(drillTypes());
    }

    private DrillTypes drillTypes() {
        return new DrillTypes(config, env, clock, metrics, alerts);
    }

    /** At start of {@code run}: each type's last drill, from its record. */
    void recordDrillMetrics() {
        drillTypes().recordLastDrills();
    }

    @BindToRegistry("pruning")
    public Pruning pruning() {
        RepositoryPruner pruner = new RepositoryPruner(config, new TypeRepositories(config, env), manager.catalog(), locks);
        return new Pruning(new PruneRepositories(config, pruner, manager, metrics, alerts));
    }

    @BindToRegistry("applyRetentionStep")
    public ApplyRetentionStep applyRetentionStep() {
        return new ApplyRetentionStep(new ApplyRetention(new RetentionCleaner(config, manager.catalog(), locks, clock), manager, metrics, alerts));
    }

    @BindToRegistry("overdueCheckStep")
    public OverdueCheckStep overdueCheckStep() { return new OverdueCheckStep(overdueCheck); }

    @BindToRegistry("targetProbeStep")
    public TargetProbeStep targetProbeStep() { return new TargetProbeStep(new TargetProbe(config, metrics)); }

    @BindToRegistry("clusterWatchStep")
    public ClusterWatchStep clusterWatchStep() { return new ClusterWatchStep(clusterWatch); }

    @BindToRegistry("scheduledFireStep")
    public ScheduledFireStep scheduledFireStep() { return new ScheduledFireStep(new Takeover(config, manager, locks)); }

    @BindToRegistry("dueTypes")
    public DueTypes dueTypes() { return new DueTypes(config, manager, clock); }

    @BindToRegistry("beginBackupStep")
    public BeginBackupStep beginBackupStep() { return new BeginBackupStep(new BeginBackup(config, locks)); }

    @BindToRegistry("beginArtifactStep")
    public BeginArtifactStep beginArtifactStep() { return new BeginArtifactStep(new BeginArtifact(clock)); }

    @BindToRegistry("exportSourceStep")
    public ExportSourceStep exportSourceStep() { return new ExportSourceStep(config, env); }

    @BindToRegistry("pgDumpUnits")
    public PgDumpUnits pgDumpUnits() { return new PgDumpUnits(config); }

    @BindToRegistry("pgDumpCommandStep")
    public PgDumpCommandStep pgDumpCommandStep() { return new PgDumpCommandStep(new PgDumpCommand(env)); }

    /** camel-exec's executor for pg_dump: the password goes into the child's environment only. */
    @BindToRegistry("pgExecExecutor")
    public PgExecExecutor pgExecExecutor() { return new PgExecExecutor(); }

    /** camel-exec's binding for pg_dump: adds the environment for the run's own server to the command. */
    @BindToRegistry("pgExecBinding")
    public PgExecBinding pgExecBinding() { return new PgExecBinding(new PgDumpCommand(env)); }

    @BindToRegistry("pgDumpResultStep")
    public PgDumpResultStep pgDumpResultStep() { return new PgDumpResultStep(new PgDumpResult()); }

    @BindToRegistry("checksumStep")
    public ChecksumStep checksumStep() { return new ChecksumStep(new Checksum()); }

    @BindToRegistry("compressStep")
    public CompressStep compressStep() { return new CompressStep(new Compress()); }

    @BindToRegistry("encryptStep")
    public EncryptStep encryptStep() { return new EncryptStep(new Encrypt(config, env)); }

    @BindToRegistry("stageStep")
    public StageStep stageStep() { return new StageStep(new Stage()); }

    @BindToRegistry("storeStep")
    public StoreStep storeStep() { return new StoreStep(new Store()); }

    @BindToRegistry("repositoryStoreStep")
    public RepositoryStoreStep repositoryStoreStep() {
        return new RepositoryStoreStep(new RepositoryStore(new TypeRepositories(config, env), manager.catalog(), clock));
    }

    @BindToRegistry("manifestStep")
    public ManifestStep manifestStep() { return new ManifestStep(new WriteManifest(ManifestAuthority.of(config, env), clock)); }

    @BindToRegistry("recordFailureStep")
    public RecordFailureStep recordFailureStep() { return new RecordFailureStep(new RecordFailure(ManifestAuthority.of(config, env), clock)); }
}
