package dev.backroute;

/**
 * The exchange property names the YAML routes ({@code routes/*.camel.yaml}) and the Java steps share: a
 * route that sets one and a step that reads it (or the other way round) meet only through these strings,
 * so the YAML spells each one exactly as here ({@code RouteNamesTest} fails on any other name).
 *
 * <p>Message headers are all the Camel components' own and are named by their constants where used:
 * camel-exec's {@code ExecBinding}, camel-mail's {@code MailConstants}, {@code Exchange.HTTP_URI} and
 * {@code Exchange.HTTP_RESPONSE_CODE} for camel-http.
 */
public final class BackrouteExchange {

    /**
     * The backup type the exchange backs up.
     * <p>Set by each {@code backup-<type>} route ({@code setProperty}), by the CLI
     * ({@code BackrouteRuntime.newBackupExchange}) and by the {@code catch-up} route's split
     * ({@code setProperty} from the body, then {@code toD} to the type's route); read by
     * {@code BeginBackupStep}, {@code RecordFailureStep}, {@code AlertFailureStep},
     * {@code BackrouteRuntime.backup} and the {@code after-backup-errors} log line.
     * <p>Type: {@code String}.
     */
    public static final String TYPE = "backrouteType";

    /**
     * Boolean, on a scheduled fire Quartz runs again for a member it took for dead: whether the backup still needs
     * doing ({@code ops.Takeover}); false skips it. Set by {@code ScheduledFireStep}; read by the scheduled-backup route.
     */
    public static final String TAKEOVER_NEEDED = "backrouteTakeoverNeeded";

    /**
     * Where whoever sends a backup watches its bytes; absent means nobody watches.
     * <p>Set by the CLI ({@code BackrouteRuntime.newBackupExchange}); read by {@code BeginBackupStep},
     * which hands it to the run.
     * <p>Type: {@code ProgressListener} (package pipeline).
     */
    public static final String PROGRESS = "backrouteProgress";

    /**
     * True when the sender asked to read every file ({@code backup --force-read}): a files type's repository backup
     * then uses no files cache. Absent means false.
     * <p>Set by the CLI ({@code BackrouteRuntime.newBackupExchange}); read by {@code BeginBackupStep}.
     * <p>Type: {@code Boolean}.
     */
    public static final String READ_ALL = "backrouteReadAll";

    /**
     * The run of the type holding its lock; absent when the run never began (the type was locked, say).
     * <p>Set by {@code BeginBackupStep}; read by {@code BeginArtifactStep}, {@code FinishRunStep},
     * {@code RecordMetricsStep}, {@code Validation}, {@code ApplyRetentionStep},
     * {@code BackrouteRuntime.backup} and the {@code after-backup} route's filter.
     * <p>Type: {@code BackupGroup} (package backup).
     */
    public static final String GROUP = "backrouteGroup";

    /**
     * The artifact in hand: its id, content and what each step learnt about it.
     * <p>Set by {@code BeginArtifactStep}; read by the source steps, every step of
     * {@code backup-pipeline}, {@code PgDumpCommandStep}, {@code PgDumpResultStep}, {@code RecordFailureStep}
     * and {@code AlertFailureStep}.
     * <p>Type: {@code BackupRun} (package backup).
     */
    public static final String RUN = "backrouteRun";

    /**
     * How the artifact in hand is stored: {@code archive} or {@code repository}, the type's {@code format}.
     * <p>Set by {@code BeginArtifactStep}; read by the {@code choice} of {@code backup-pipeline}.
     * <p>Type: {@code String}.
     */
    public static final String FORMAT = "backrouteFormat";

    /**
     * Which of the run's artifacts is in hand, for types that make one per unit (a PostgreSQL database,
     * or {@code globals}); absent for the others.
     * <p>Set by the {@code backup-postgresql} route's split ({@code setProperty} from the body); read by
     * {@code BeginArtifactStep}.
     * <p>Type: {@code String}.
     */
    public static final String UNIT = "backrouteUnit";

    /**
     * The staging file pg_dump writes the current database to.
     * <p>Set by {@code PgDumpCommandStep}; read by {@code PgDumpResultStep}.
     * <p>Type: {@code java.nio.file.Path}.
     */
    public static final String PG_DUMP_FILE = "backroutePgDumpFile";

    /**
     * Marks a run started by the schedule, with the value {@code schedule}.
     * <p>Set by the {@code scheduled-backup} route template; no step reads it: it tells a scheduled
     * run from a CLI or catch-up run to whoever inspects the exchange (tracing, a route an operator adds).
     * <p>Type: {@code String}.
     */
    public static final String TRIGGER = "backrouteTrigger";

    /**
     * The alerts recorded so far and not yet raised, oldest first; absent when there are none. An alert of
     * kind {@code RECOVERED} stands for a successful run of its type: a recovery notice follows only when a
     * failure of the type was outstanding.
     * <p>Set by {@code AlertRecorder} (for {@code AlertFailureStep}, {@code FinishRunStep}, {@code Validation},
     * {@code ApplyRetentionStep} and {@code OverdueCheckStep}), always to a new list, never changed in place,
     * so a split's copy of the exchange does not add to its parent's; read and removed by the
     * {@code raise-alerts} route, which sends each to {@code direct:alert} or {@code direct:backup-succeeded}.
     * <p>Type: {@code List<Alert>} (package alert).
     */
    public static final String ALERTS = "backrouteAlerts";

    /**
     * Whether the body now holds an alert notice to send.
     * <p>Set by {@code FailureThrottleStep} and {@code RecoveryThrottleStep}; read by the
     * {@code alert} and {@code alert-recovered} routes' filters.
     * <p>Type: {@code Boolean}.
     */
    public static final String ALERT_DUE = "backrouteAlertDue";

    /**
     * What the alert in hand is about, for the log line when it cannot be sent, e.g.
     * {@code BACKUP_FAILED for data_files}.
     * <p>Set by {@code FailureThrottleStep} and {@code RecoveryThrottleStep}; read by
     * {@code AlertFailedStep}.
     * <p>Type: {@code String}.
     */
    public static final String ALERT = "backrouteAlert";

    /**
     * The alert channel being tried: {@code email} or {@code slack}; absent before a channel is chosen.
     * <p>Set by the {@code alert-email} and {@code alert-slack} routes ({@code setProperty}); read by
     * {@code AlertFailedStep}.
     * <p>Type: {@code String}.
     */
    public static final String ALERT_CHANNEL = "backrouteAlertChannel";

    /**
     * The backup a drill restores, as {@code drill --backup} names it; absent for the type's newest successful run.
     * <p>Set by {@code BackrouteRuntime.drill}; read by {@code Drilling}.
     * <p>Type: {@code String}.
     */
    public static final String DRILL_BACKUP = "backrouteDrillBackup";

    /**
     * Whether a drill leaves its scratch targets in place ({@code drill --keep}); absent means false.
     * <p>Set by {@code BackrouteRuntime.drill}; read by {@code Drilling}.
     * <p>Type: {@code Boolean}.
     */
    public static final String DRILL_KEEP = "backrouteDrillKeep";

    /**
     * How a drill went: its record, and the error of keeping it if a target refused it.
     * <p>Set by {@code Drilling}; read by {@code BackrouteRuntime.drill}.
     * <p>Type: {@code DrillService.Outcome} (package drill).
     */
    public static final String DRILL_OUTCOME = "backrouteDrillOutcome";

    /**
     * Who hears a drill's notes (a leftover scratch target removed, say): the CLI's error stream; absent in the
     * scheduled drill, whose notes are logged.
     * <p>Set by {@code BackrouteRuntime.drill}; read by {@code Drilling}.
     * <p>Type: {@code Consumer<String>}.
     */
    public static final String SAY = "backrouteSay";

    private BackrouteExchange() {
    }
}
