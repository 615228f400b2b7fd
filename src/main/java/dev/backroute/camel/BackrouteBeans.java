package dev.backroute.camel;

import dev.backroute.backup.BeginArtifactStep;
import dev.backroute.backup.BeginBackupStep;
import dev.backroute.backup.ChecksumStep;
import dev.backroute.backup.CompressStep;
import dev.backroute.backup.EncryptStep;
import dev.backroute.backup.ExportSourceStep;
import dev.backroute.backup.FilesSourceStep;
import dev.backroute.backup.ManifestStep;
import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.BackupManager;
import dev.backroute.catalog.ManifestAuthority;
import dev.backroute.backup.RecordFailureStep;
import dev.backroute.backup.StageStep;
import dev.backroute.backup.StoreStep;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.MilvusSource;
import dev.backroute.config.Neo4jSource;
import dev.backroute.config.PostgresSource;
import dev.backroute.milvus.MilvusExporter;
import dev.backroute.neo4j.Neo4jAdminDump;
import dev.backroute.neo4j.Neo4jExporter;
import dev.backroute.postgres.PgDumpCommandStep;
import dev.backroute.postgres.PgDumpResultStep;
import dev.backroute.postgres.PgDumpUnits;
import dev.backroute.postgres.PgEndpoint;
import dev.backroute.postgres.PgExecExecutor;
import dev.backroute.ops.AlertFailureStep;
import dev.backroute.ops.AlertGateway;
import dev.backroute.ops.ApplyRetentionStep;
import dev.backroute.ops.BackupMetrics;
import dev.backroute.ops.CatchUpStep;
import dev.backroute.ops.FinishRunStep;
import dev.backroute.ops.OverdueCheckStep;
import dev.backroute.ops.RecordMetricsStep;
import dev.backroute.ops.TargetProbeStep;
import dev.backroute.ops.Validation;
import dev.backroute.restore.BackupValidator;
import dev.backroute.retention.RetentionCleaner;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelConfiguration;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** The steps the YAML routes refer to by name. */
public final class BackrouteBeans implements CamelConfiguration {
    private static final MeterRegistry FALLBACK = new SimpleMeterRegistry();

    private final BackupConfig config;
    private final Map<String, String> env;
    private final Clock clock;

    private final BackupManager manager;
    private final AlertGateway alerts;
    private final BackupMetrics metrics;
    private final BackupValidator validator;
    private final OverdueCheckStep overdueCheck;
    private volatile CamelContext context;

    public BackrouteBeans(BackupConfig config, Map<String, String> env, Clock clock) {
        this.config = config;
        this.env = env;
        this.clock = clock;
        // One catalog for every step, trusting what the keyset in this runtime's environment seals.
        this.manager = new BackupManager(config, new BackupCatalog(config, ManifestAuthority.of(config, env)), clock);
        this.alerts = new AlertGateway(config, manager, clock);
        this.metrics = new BackupMetrics(this::meterRegistry);
        this.validator = new BackupValidator(config, env, clock);
        this.overdueCheck = new OverdueCheckStep(config, manager, alerts, metrics, clock);
    }

    @Override
    public void configure(CamelContext camelContext) {
        this.context = camelContext;
    }

    /** What the health check and the steps read the catalog through. */
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

    /** camel-micrometer-prometheus's registry in the run runtime; a private one where metrics are off (CLI). */
    private MeterRegistry meterRegistry() {
        MeterRegistry registry = context == null ? null : context.getRegistry().findSingleByType(MeterRegistry.class);
        return registry != null ? registry : FALLBACK;
    }

    @BindToRegistry("alertFailure")
    public AlertFailureStep alertFailure() { return new AlertFailureStep(alerts); }

    @BindToRegistry("finishRun")
    public FinishRunStep finishRun() { return new FinishRunStep(alerts); }

    @BindToRegistry("recordMetrics")
    public RecordMetricsStep recordMetrics() { return new RecordMetricsStep(config, manager, metrics); }

    @BindToRegistry("validation")
    public Validation validation() { return new Validation(config, validator, metrics, alerts); }

    @BindToRegistry("applyRetention")
    public ApplyRetentionStep applyRetention() { return new ApplyRetentionStep(new RetentionCleaner(config, manager.catalog(), clock), manager, metrics, alerts); }

    @BindToRegistry("overdueCheck")
    public OverdueCheckStep overdueCheck() { return overdueCheck; }

    @BindToRegistry("targetProbe")
    public TargetProbeStep targetProbe() { return new TargetProbeStep(config, metrics); }

    @BindToRegistry("catchUp")
    public CatchUpStep catchUp() { return new CatchUpStep(config, manager, clock); }

    @BindToRegistry("beginBackup")
    public BeginBackupStep beginBackup() { return new BeginBackupStep(config, clock); }

    @BindToRegistry("beginArtifact")
    public BeginArtifactStep beginArtifact() { return new BeginArtifactStep(clock); }

    @BindToRegistry("filesSource")
    public FilesSourceStep filesSource() { return new FilesSourceStep(config); }

    @BindToRegistry("pgDumpUnits")
    public PgDumpUnits pgDumpUnits() { return new PgDumpUnits(config); }

    @BindToRegistry("pgDumpCommand")
    public PgDumpCommandStep pgDumpCommand() { return new PgDumpCommandStep(env); }

    /** camel-exec's executor for pg_dump: the password goes into the child's environment only. */
    @BindToRegistry("pgExec")
    public PgExecExecutor pgExec() {
        return new PgExecExecutor(() -> PgEndpoint.of((PostgresSource) config.type("postgresql").source(), env, null)
                .childEnvironment(env));
    }

    @BindToRegistry("pgDumpResult")
    public PgDumpResultStep pgDumpResult() { return new PgDumpResultStep(); }

    /** Neo4j: a logical export over Bolt, or neo4j-admin's dump of a stopped database (source.mode admin_dump). */
    @BindToRegistry("neo4jSource")
    public ExportSourceStep neo4jSource() {
        Neo4jSource source = config.types().containsKey("neo4j") ? (Neo4jSource) config.type("neo4j").source() : null;
        boolean adminDump = source != null && "admin_dump".equals(source.mode());
        return new ExportSourceStep(type -> adminDump ? new Neo4jAdminDump((Neo4jSource) type.source(), env)::dump
                : new Neo4jExporter((Neo4jSource) type.source(), env)::export, adminDump ? ".dump" : ".jsonl");
    }

    @BindToRegistry("milvusSource")
    public ExportSourceStep milvusSource() {
        return new ExportSourceStep(type -> new MilvusExporter((MilvusSource) type.source(), env)::export, ".jsonl");
    }

    @BindToRegistry("checksum")
    public ChecksumStep checksum() { return new ChecksumStep(); }

    @BindToRegistry("compress")
    public CompressStep compress() { return new CompressStep(); }

    @BindToRegistry("encrypt")
    public EncryptStep encrypt() { return new EncryptStep(config, env); }

    @BindToRegistry("stage")
    public StageStep stage() { return new StageStep(); }

    @BindToRegistry("store")
    public StoreStep store() { return new StoreStep(); }

    @BindToRegistry("manifest")
    public ManifestStep manifest() { return new ManifestStep(ManifestAuthority.of(config, env), clock); }

    @BindToRegistry("recordFailure")
    public RecordFailureStep recordFailure() { return new RecordFailureStep(ManifestAuthority.of(config, env), clock); }
}
