package dev.backroute.cli;

import dev.backroute.catalog.BackupManager;
import dev.backroute.catalog.BackupRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;

@Command(name = "list", description = "Recent backups of a type, newest first.")
final class ListCommand extends CommandBase {

    @Option(names = "--type", required = true, paramLabel = "TYPE")
    String type;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "how many (default ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new ErrorReporter.UsageException("--limit must be at least 1, got " + limit);
        }
        List<BackupRecord> records = new BackupManager(config()).listBackups(config().type(type).name(), limit);
        print(Map.of("type", type, "backups", records), () -> {
            if (records.isEmpty()) {
                out().println("no backups of " + type + " yet");
            }
            out().printf("%-34s %-23s %-7s %10s  %-16s %s%n", "ID", "STARTED", "RESULT", "SIZE", "TARGETS", "VALIDATION");
            records.forEach(r -> out().printf("%-34s %-23s %-7s %10s  %-16s %s%n", r.id(),
                    Times.human(r.startedAt()), r.success() ? "ok" : "FAILED",
                    r.success() ? Sizes.human(r.storedBytes()) : "-",
                    String.join(",", r.storage().stream().map(BackupRecord.StoredCopy::target).toList()),
                    validation(r)));
        });
        return ExitCodes.OK;
    }

    private static String validation(BackupRecord r) {
        if (!r.success()) {
            return r.error();
        }
        if (r.validation() == null) {
            return "not validated";
        }
        return (r.validation().success() ? "valid " : "INVALID ") + Times.human(r.validation().at())
                + (r.validation().error() == null ? "" : ": " + r.validation().error());
    }
}
