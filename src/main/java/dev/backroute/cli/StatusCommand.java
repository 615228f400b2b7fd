package dev.backroute.cli;

import dev.backroute.Errors;

import dev.backroute.catalog.BackupManager;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.BackupStatus;
import dev.backroute.config.TypeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.List;

@Command(name = "status", description = "Per type: last success, last failure, next due time, backups and bytes kept per target.",
        footer = {"", "Examples:", "  ./backroute status", "  ./backroute status --type postgresql --json"})
final class StatusCommand extends CommandBase {

    @Option(names = "--type", paramLabel = "TYPE", description = "only this type (default: every configured type)")
    String type;

    @Override
    public Integer call() {
        BackupManager manager = new BackupManager(config(), catalog(), Clock.systemUTC());
        List<String> types = type != null ? List.of(config().type(type).name())
                : config().types().values().stream().map(TypeConfig::name).toList();
        List<BackupStatus> statuses = types.stream().map(manager::getBackupStatus).toList();
        print(new JsonObject().with("types", statuses), () -> statuses.forEach(this::printText));
        return ExitCodes.OK;
    }

    private void printText(BackupStatus s) {
        out().println(s.type() + (s.enabled() ? "" : " (disabled)") + "  schedule " + s.schedule());
        out().println("  last success: " + describe(s.lastSuccess()));
        out().println("  last failure: " + (s.lastFailure() == null ? "none" : Times.human(s.lastFailure().startedAt()) + "  " + Errors.inert(s.lastFailure().error())));
        out().println("  next due:     " + (s.enabled() ? Times.human(s.nextDue()) : "never (disabled)"));
        out().println("  kept:         " + s.successfulCount() + " successful backup(s)");
        s.bytesPerTarget().forEach((t, b) -> out().println("    " + t + ": " + Sizes.human(b)));
        s.futureDated().forEach(f -> out().println("  WARNING: " + f.warning()));
        s.untrusted().forEach(u -> out().println(Errors.inert("  UNTRUSTED: " + u.manifest() + " on " + u.target() + ": " + u.reason())));
    }

    private static String describe(BackupRecord r) {
        return r == null ? "never" : Times.human(r.startedAt()) + "  " + r.id() + "  " + Sizes.human(r.storedBytes());
    }
}
