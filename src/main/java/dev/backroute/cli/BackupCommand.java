package dev.backroute.cli;

import dev.backroute.crypto.GcmWarmup;
import dev.backroute.camel.BackrouteRuntime;
import dev.backroute.camel.BackupOutcome;
import dev.backroute.catalog.BackupManager;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.BackupStatus;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.ConfigException;
import dev.backroute.config.TypeConfig;
import dev.backroute.crypto.Keyset;
import dev.backroute.storage.StorageTargets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@Command(name = "backup", description = "Back up one type, or every enabled type, through the Camel routes.",
        footer = {"", "Examples:",
                "  ./backroute backup --type all                 # every enabled type that is due",
                "  ./backroute backup --type data_files --force  # now, even if not due"})
final class BackupCommand extends CommandBase {

    @Option(names = "--type", required = true, paramLabel = "TYPE", description = "a backup type, or 'all' for every enabled type")
    String type;

    @Option(names = "--force", description = "back up even when no scheduled time has passed since the last success started")
    boolean force;

    @Option(names = "--force-read", description = "read every file of a repository-format files type, even those the last"
            + " snapshot shows unchanged (the files cache)")
    boolean forceRead;

    @Override
    public Integer call() throws Exception {
        BackupConfig config = config();
        List<TypeConfig> types = selectedTypes(config);
        preflight(config, types);
        if (types.stream().anyMatch(TypeConfig::encrypt)) {
            GcmWarmup.start(); // while the route runtime starts
        }
        Clock clock = Clock.systemUTC();
        BackupManager manager = new BackupManager(config, catalog(), clock);
        List<JsonObject> results = new ArrayList<>();
        boolean failed = false;
        try (BackrouteRuntime runtime = new BackrouteRuntime(config, env(), clock, BackrouteRuntime.defaultRoutesDir())) {
            for (TypeConfig t : types) {
                BackupStatus status = manager.getBackupStatus(t.name());
                Instant now = clock.instant();
                if (!force && status.lastSuccess() != null && !status.isDue(now)) {
                    results.add(skipped(status));
                    continue;
                }
                BackupOutcome outcome = backUp(runtime, t.name());
                failed |= !outcome.succeeded();
                results.add(outcome(outcome));
            }
        }
        print(new JsonObject().with("success", !failed).with("results", results), () -> results.forEach(this::printText));
        return failed ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private List<TypeConfig> selectedTypes(BackupConfig config) {
        if (type.equals("all")) {
            return config.enabledTypes();
        }
        TypeConfig t = config.type(type);
        if (!t.enabled()) {
            throw new ConfigException("backup_types." + type + ".enabled", "backup_types." + type
                    + ".enabled is false: set it to true in the config to back up " + type);
        }
        return List.of(t);
    }

    /** A missing keyset or an unusable storage target is a configuration problem: say so before any backup starts. */
    private void preflight(BackupConfig config, List<TypeConfig> types) {
        types.forEach(t -> StorageTargets.forType(config, t));
        if (types.stream().anyMatch(TypeConfig::encrypt)) {
            Keyset.load(config.encryption().keysetFile(), config.encryption().keysetEnv(), env());
        }
    }

    private BackupOutcome backUp(BackrouteRuntime runtime, String typeName) {
        try (ProgressHandle progress = Progress.start(typeName, json(), env(), err())) {
            return runtime.backup(runtime.newBackupExchange(typeName, progress, forceRead));
        }
    }

    private static JsonObject skipped(BackupStatus status) {
        return new JsonObject()
                .with("type", status.type())
                .with("status", "not_due")
                .with("last_success_started_at", status.lastSuccess().startedAt())
                .with("next_due", status.nextDue());
    }

    private static JsonObject outcome(BackupOutcome outcome) {
        return new JsonObject()
                .with("type", outcome.type())
                .with("status", outcome.succeeded() ? "succeeded" : "failed")
                .with("error", outcome.succeeded() ? null : outcome.errorMessage())
                .with("backups", outcome.records().stream().map(BackupCommand::artifact).toList())
                .with("warnings", outcome.warnings());
    }

    private static JsonObject artifact(BackupRecord record) {
        JsonObject a = new JsonObject().with("id", record.id()).with("success", record.success());
        if (!record.success()) {
            return a.with("error", record.error());
        }
        return a.with("format", record.inRepository() ? BackupRecord.REPOSITORY : "archive")
                .with("artifact", record.artifact())
                .with("raw_bytes", record.rawBytes())
                .with("stored_bytes", record.storedBytes())
                .with("storage", record.storage())
                .with("seconds", (record.finishedAt().toEpochMilli() - record.startedAt().toEpochMilli()) / 1000.0)
                .with("problems", record.source().getOrDefault("problems", List.of()))
                .with("unchanged_files", record.source().get("unchanged_files"));
    }

    /** A result as text: what was backed up on stdout, each failure as one error line on stderr. */
    private void printText(JsonObject r) {
        String type = (String) r.get("type");
        if (r.get("status").equals("not_due")) {
            out().println(type + ": not due (last success " + Times.human((Instant) r.get("last_success_started_at"))
                    + ", next due " + Times.human((Instant) r.get("next_due")) + "); use --force to back up now");
            return;
        }
        List<?> warnings = (List<?>) r.get("warnings");
        List<?> backups = (List<?>) r.get("backups");
        warnings.forEach(w -> out().println(type + ": warning: " + w));
        boolean failureShown = false;
        for (Object o : backups) {
            Map<?, ?> a = (Map<?, ?>) o;
            if (Boolean.TRUE.equals(a.get("success"))) {
                // A repository backup stores only what the repository did not hold: "new", not a compressed size.
                String stored = BackupRecord.REPOSITORY.equals(a.get("format")) ? " new in the repository" : "";
                out().println(type + ": backed up " + a.get("id") + " (" + Sizes.human((Long) a.get("raw_bytes")) + " -> "
                        + Sizes.human((Long) a.get("stored_bytes")) + stored + " in " + a.get("seconds") + " s) to "
                        + ((List<?>) a.get("storage")).stream().map(c -> ((BackupRecord.StoredCopy) c).target()).toList()
                        + unchanged(a) + problems(a));
            } else {
                err().println(ErrorReporter.PREFIX + type + ": FAILED (" + a.get("id") + "): " + a.get("error"));
                failureShown = true;
            }
        }
        if ((warnings.isEmpty() && backups.isEmpty()) || (r.get("error") != null && !failureShown)) {
            err().println(ErrorReporter.PREFIX + type + ": FAILED: " + r.get("error"));
        }
    }

    private static String unchanged(Map<?, ?> a) {
        return a.get("unchanged_files") instanceof Number n && n.longValue() > 0 ? "; " + n + " unchanged file(s) not read" : "";
    }

    private static String problems(Map<?, ?> a) {
        List<?> problems = (List<?>) a.get("problems");
        return problems.isEmpty() ? "" : "; " + problems.size() + " file(s) reported in the manifest's source.problems";
    }
}
