package dev.backroute.cli;

import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.LocatedBackup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "list", description = "Recent backups of a type, newest first.")
final class ListCommand extends CommandBase {

    @Option(names = "--type", required = true, paramLabel = "TYPE")
    String type;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "how many (default ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() throws java.io.IOException {
        if (limit < 1) {
            throw new ErrorReporter.UsageException("--limit must be at least 1, got " + limit);
        }
        String name = config().type(type).name();
        BackupCatalog.Scan scan = catalog().scan(name);
        List<BackupRecord> records = scan.backups().stream().limit(limit).map(LocatedBackup::record).toList();
        List<Map<String, String>> untrusted = scan.untrusted().stream().map(u -> {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("target", u.target());
            m.put("manifest", u.manifest());
            m.put("reason", u.reason());
            return m;
        }).toList();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("type", type);
        document.put("backups", records);
        document.put("untrusted", untrusted);
        print(document, () -> {
            if (records.isEmpty()) {
                out().println("no backups of " + type + " yet");
            }
            out().printf("%-34s %-23s %-7s %10s  %-16s %s%n", "ID", "STARTED", "RESULT", "SIZE", "TARGETS", "VALIDATION");
            records.forEach(r -> out().printf("%-34s %-23s %-7s %10s  %-16s %s%n", r.id(),
                    Times.human(r.startedAt()), r.success() ? "ok" : "FAILED",
                    r.success() ? Sizes.human(r.storedBytes()) : "-",
                    String.join(",", r.storage().stream().map(BackupRecord.StoredCopy::target).toList()),
                    validation(r)));
            // Shown, never used: a manifest that fails its checks is evidence, for the operator to look at.
            scan.untrusted().forEach(u -> out().println("UNTRUSTED " + u.manifest() + " on " + u.target() + ": " + u.reason()));
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
