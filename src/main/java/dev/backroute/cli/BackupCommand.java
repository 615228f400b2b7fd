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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "backup", description = "Back up one type, or every enabled type, through the Camel routes.")
final class BackupCommand extends CommandBase {

    @Option(names = "--type", required = true, paramLabel = "TYPE", description = "a backup type, or 'all' for every enabled type")
    String type;

    @Option(names = "--force", description = "back up even when no scheduled time has passed since the last success started")
    boolean force;

    @Override
    public Integer call() throws Exception {
        BackupConfig config = config();
        List<TypeConfig> types = selectedTypes(config);
        preflight(config, types);
        if (types.stream().anyMatch(TypeConfig::encrypt)) {
            GcmWarmup.start(); // while the route runtime starts
        }
        Clock clock = Clock.systemUTC();
        BackupManager manager = new BackupManager(config, clock);
        List<Map<String, Object>> results = new ArrayList<>();
        boolean failed = false;
        try (BackrouteRuntime runtime = new BackrouteRuntime(config, env(), clock, BackrouteRuntime.defaultRoutesDir())) {
            types.forEach(t -> runtime.requireBackupRoute(t.name()));
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
        print(Map.of("results", results), () -> results.forEach(r -> out().println(line(r))));
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
            return runtime.backup(runtime.newBackupExchange(typeName, progress));
        }
    }

    private static Map<String, Object> skipped(BackupStatus status) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("type", status.type());
        r.put("status", "not_due");
        r.put("last_success", status.lastSuccess().startedAt());
        r.put("next_due", status.nextDue());
        return r;
    }

    private static Map<String, Object> outcome(BackupOutcome outcome) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("type", outcome.type());
        r.put("status", outcome.succeeded() ? "succeeded" : "failed");
        r.put("backups", outcome.records().stream().map(BackupCommand::artifact).toList());
        r.put("warnings", outcome.warnings());
        if (!outcome.succeeded()) {
            r.put("error", outcome.errorMessage());
        }
        return r;
    }

    private static Map<String, Object> artifact(BackupRecord record) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("id", record.id());
        a.put("success", record.success());
        if (record.success()) {
            a.put("artifact", record.artifact());
            a.put("raw_bytes", record.rawBytes());
            a.put("stored_bytes", record.storedBytes());
            a.put("storage", record.storage());
            a.put("seconds", (record.finishedAt().toEpochMilli() - record.startedAt().toEpochMilli()) / 1000.0);
            a.put("problems", record.source().getOrDefault("problems", List.of()));
        } else {
            a.put("error", record.error());
        }
        return a;
    }

    private static String line(Map<String, Object> r) {
        String type = (String) r.get("type");
        if (r.get("status").equals("not_due")) {
            return type + ": not due (last success " + Times.human((Instant) r.get("last_success"))
                    + ", next due " + Times.human((Instant) r.get("next_due")) + "); use --force to back up now";
        }
        List<String> lines = new ArrayList<>();
        for (Object w : (List<?>) r.get("warnings")) {
            lines.add(type + ": warning: " + w);
        }
        for (Object o : (List<?>) r.get("backups")) {
            Map<?, ?> a = (Map<?, ?>) o;
            lines.add(Boolean.TRUE.equals(a.get("success"))
                    ? type + ": backed up " + a.get("id") + " (" + Sizes.human((Long) a.get("raw_bytes")) + " -> "
                    + Sizes.human((Long) a.get("stored_bytes")) + " in " + a.get("seconds") + " s) to "
                    + ((List<?>) a.get("storage")).stream().map(c -> ((BackupRecord.StoredCopy) c).target()).toList()
                    + problems(a)
                    : type + ": FAILED (" + a.get("id") + "): " + a.get("error"));
        }
        if (lines.isEmpty() || (r.get("error") != null && lines.stream().noneMatch(l -> l.contains("FAILED")))) {
            lines.add(type + ": FAILED: " + r.get("error"));
        }
        return String.join(System.lineSeparator(), lines);
    }

    private static String problems(Map<?, ?> a) {
        List<?> problems = (List<?>) a.get("problems");
        return problems.isEmpty() ? "" : "; " + problems.size() + " file(s) reported in the manifest's source.problems";
    }
}
