package dev.backroute.cli;

import dev.backroute.Errors;
import dev.backroute.camel.BackrouteRuntime;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.TypeConfig;
import dev.backroute.drill.DrillCheck;
import dev.backroute.drill.DrillRecord;
import dev.backroute.drill.DrillService;
import dev.backroute.pipeline.ProgressListener;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

@Command(name = "drill", description = "Prove that backups restore: restore a type's newest successful backup (or the one"
        + " named) into a scratch target, check it against what the backup recorded and the config's assertions, remove the"
        + " scratch target, and keep a record of the drill beside the backups.",
        footer = {"", "Examples:",
                "  ./backroute drill --type postgresql           # its newest successful run, every database",
                "  ./backroute drill --all                       # every type whose drill.enabled is true",
                "  ./backroute drill --backup data_files_20261201_010000 --keep   # leave the restored copy to look at"})
final class DrillCommand extends CommandBase {

    @ArgGroup(exclusive = true)
    Selection selection;

    static final class Selection {
        @Option(names = "--type", paramLabel = "TYPE", description = "drill this type")
        String type;

        @Option(names = "--all", description = "drill every enabled type whose drill.enabled is true, one after another")
        boolean all;
    }

    @Option(names = "--backup", paramLabel = "BACKUP", description = "the backup to drill: an id or TYPE:latest (default: the"
            + " type's newest successful run)")
    String backup;

    @Option(names = "--keep", description = "leave the scratch targets in place (the next drill of the type removes them)")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        BackupConfig config = config();
        List<String> types = types(config);
        Clock clock = Clock.systemUTC();
        List<Object> drills = new ArrayList<>();
        boolean failed = false;
        try (BackrouteRuntime runtime = new BackrouteRuntime(config, env(), clock, BackrouteRuntime.defaultRoutesDir())) {
            for (String type : types) {
                DrillService.Outcome outcome;
                try {
                    outcome = runtime.drill(type, backup, keep, ProgressListener.NONE, note -> {
                        err().println("backroute: " + note);
                        err().flush();
                    });
                } catch (Exception e) {
                    if (types.size() == 1) {
                        throw e;
                    }
                    // --all: one type that cannot be drilled does not stop the others.
                    failed = true;
                    drills.add(new JsonObject().with("type", type).with("success", false).with("error", Errors.describe(e)));
                    String message = "drill of " + type + ": NOT RUN: " + Errors.inert(Errors.describe(e));
                    if (!json()) {
                        out().println(message);
                    }
                    continue;
                }
                failed |= !outcome.record().success() || outcome.recordError() != null;
                drills.add(new JsonObject().with("type", type).with("success", outcome.record().success())
                        .with("error", outcome.record().error()).with("record_error", outcome.recordError()).with("drill", outcome.record()));
                if (!json()) {
                    printText(outcome);
                }
            }
        }
        if (json()) {
            print(new JsonObject().with("success", !failed).with("drills", drills), () -> { });
        }
        return failed ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private List<String> types(BackupConfig config) throws Exception {
        if (selection != null && selection.all) {
            if (backup != null) {
                throw new ErrorReporter.UsageException("--backup names one backup; drop --all, or drop --backup to drill every type");
            }
            List<String> enabled = config.enabledTypes().stream().filter(t -> t.drill().enabled()).map(TypeConfig::name).toList();
            if (enabled.isEmpty()) {
                throw new ErrorReporter.UsageException("no enabled type has drill.enabled true: nothing to drill");
            }
            return enabled;
        }
        if (selection != null && selection.type != null) {
            config.type(selection.type); // an unknown type is refused by name
            return List.of(selection.type);
        }
        if (backup != null) {
            return List.of(new DrillService(config, env(), Clock.systemUTC(), note -> { }, ProgressListener.NONE).typeOf(backup));
        }
        throw new ErrorReporter.UsageException("say what to drill: --type TYPE, --all, or --backup BACKUP");
    }

    private void printText(DrillService.Outcome outcome) {
        DrillRecord r = outcome.record();
        // Checks quote the source's data and the backup's facts: never raw on the terminal.
        out().println("drill of " + r.type() + ": " + (r.success() ? "PASSED" : "FAILED: " + Errors.inert(r.error())));
        for (DrillRecord.Backup b : r.backups()) {
            out().println("  " + b.backupId() + " restored into " + Errors.inert(b.scratch()) + " in " + Times.seconds(b.restoreSeconds()) + ", checked in "
                    + Times.seconds(b.checkSeconds()) + (b.kept() ? "; kept" : "; removed"));
            for (DrillCheck c : b.checks()) {
                out().println("    " + (c.passed() ? "ok    " : "FAILED") + " " + Errors.inert(c.describe()));
            }
        }
        if (outcome.recordError() != null) {
            out().println("  the drill's record was not kept everywhere: " + outcome.recordError());
        }
        out().flush();
    }
}
