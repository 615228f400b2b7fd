package dev.backroute.cli;

import dev.backroute.Errors;
import dev.backroute.Hosts;

import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.BackupRecord.ValidationInfo;
import dev.backroute.catalog.LocatedBackup;
import dev.backroute.catalog.ManifestAuthority;
import dev.backroute.config.TypeConfig;
import dev.backroute.drill.DrillCheck;
import dev.backroute.drill.DrillRecord;
import dev.backroute.drill.DrillRecords;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

@Command(name = "list", description = "Recent backups, newest first: of one type, or of every configured type together;"
        + " each with the host (or cluster member) that made it.",
        footer = {"", "Examples:",
                "  ./backroute list                          # the newest 20 of every type",
                "  ./backroute list --type data_files --limit 5",
                "  ./backroute list --since 7d               # started in the last 7 days",
                "  ./backroute list --since 2026-12-01 --json  # from that day's midnight UTC"})
final class ListCommand extends CommandBase {

    private static final String ROW = "%-34s %-23s %-7s %10s  %-16s %-16s %-7s %s%n";

    @Option(names = "--type", paramLabel = "TYPE", description = "only this type (default: every configured type, with a TYPE column)")
    String type;

    @Option(names = "--since", paramLabel = "WHEN", converter = Since.Converter.class,
            description = "only backups started at or after WHEN: a UTC date (2026-12-01), an instant (2026-12-01T06:00:00Z),"
                    + " or an age in days or hours (7d, 24h) (default: any time)")
    Since since;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "how many, newest first (default ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() throws java.io.IOException {
        if (limit < 1) {
            throw new ErrorReporter.UsageException("--limit must be at least 1, got " + limit);
        }
        List<String> types = type != null ? List.of(config().type(type).name())
                : config().types().values().stream().map(TypeConfig::name).toList();
        Instant from = since == null ? null : since.start(Instant.now());
        BackupCatalog catalog = catalog();
        List<BackupRecord> found = new ArrayList<>();
        List<JsonObject> untrusted = new ArrayList<>();
        for (String t : types) {
            BackupCatalog.Scan scan = catalog.scan(t);
            scan.backups().stream().map(LocatedBackup::record).forEach(found::add);
            scan.untrusted().forEach(u -> untrusted.add(new JsonObject().with("type", t).with("target", u.target())
                    .with("manifest", u.manifest()).with("reason", u.reason())));
        }
        List<BackupRecord> records = found.stream().sorted(BackupCatalog.NEWEST_FIRST)
                .filter(r -> from == null || !r.startedAt().isBefore(from)).limit(limit).toList();
        DrillRecords drillRecords = new DrillRecords(config(), ManifestAuthority.of(config(), env()));
        Map<String, DrillRecord> lastDrills = new LinkedHashMap<>();
        for (String t : types) {
            lastDrills.put(t, drillRecords.latest(t).orElse(null));
        }
        print(new JsonObject().with("type", type == null ? null : types.get(0)).with("backups", records).with("untrusted", untrusted)
                        .with("last_drills", lastDrills), () -> printText(records, untrusted, from, lastDrills));
        return ExitCodes.OK;
    }

    /** Every value from a manifest goes through {@link Errors#inert}: the storage must not write on the terminal. */
    private void printText(List<BackupRecord> records, List<JsonObject> untrusted, Instant from, Map<String, DrillRecord> lastDrills) {
        if (records.isEmpty()) {
            out().println("no backups" + (type == null ? "" : " of " + type) + (from == null ? " yet" : " since " + Times.human(from)));
        }
        // One type is named by the command line; several need a column to tell their rows apart.
        int typeWidth = type != null ? 0 : Math.max("TYPE".length(), records.stream().mapToInt(r -> r.type().length()).max().orElse(0));
        out().print(cell("TYPE", typeWidth));
        out().printf(ROW, "ID", "STARTED", "RESULT", "SIZE", "TARGETS", "HOST", "DRILL", "VALIDATION");
        records.forEach(r -> {
            out().print(cell(r.type(), typeWidth));
            out().printf(ROW, r.id(), Times.human(r.startedAt()), r.success() ? "ok" : "FAILED",
                    size(r),
                    Errors.inert(String.join(",", r.storage().stream().map(BackupRecord.StoredCopy::target).toList())),
                    Objects.requireNonNullElse(Hosts.shown(r.host()), "-"), drill(lastDrills.get(r.type()), r), Errors.inert(validation(r)));
        });
        // Shown, never used: a manifest that fails its checks is evidence, for the operator to look at.
        untrusted.forEach(u -> out().println(Errors.inert("UNTRUSTED " + u.get("manifest") + " on " + u.get("target") + ": "
                + u.get("reason"))));
    }

    /** A repository backup stores only what its repository lacked: shown as an addition, "+0 B" when nothing changed. */
    private static String size(BackupRecord r) {
        if (!r.success()) {
            return "-";
        }
        return (r.inRepository() ? "+" : "") + Sizes.human(r.storedBytes());
    }

    /** How the type's last drill went for this backup: "passed", "FAILED", or "" when that drill did not restore it. */
    private static String drill(DrillRecord last, BackupRecord r) {
        if (last == null || last.backups().stream().noneMatch(b -> b.backupId().equals(r.id()))) {
            return "";
        }
        return last.backups().stream().filter(b -> b.backupId().equals(r.id()))
                .allMatch(b -> b.checks().stream().allMatch(DrillCheck::passed)) ? "passed" : "FAILED";
    }

    private static String cell(String text, int width) {
        return width == 0 ? "" : String.format("%-" + width + "s ", text);
    }

    private static String validation(BackupRecord r) {
        if (!r.success()) {
            return r.error();
        }
        if (r.validation() == null) {
            return "not validated";
        }
        // A check of the stored bytes alone says less than a full read: "stored ok" until validate has read it.
        String verdict = !r.validation().success() ? "INVALID " : ValidationInfo.STORED.equals(r.validation().scope()) ? "stored ok " : "valid ";
        return verdict + Times.human(r.validation().at())
                + (r.validation().error() == null ? "" : ": " + r.validation().error());
    }
}
