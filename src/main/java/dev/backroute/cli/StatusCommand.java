package dev.backroute.cli;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.backroute.Errors;
import dev.backroute.Hosts;

import dev.backroute.catalog.BackupManager;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.BackupStatus;
import dev.backroute.catalog.ManifestAuthority;
import dev.backroute.catalog.TypeSizes;
import dev.backroute.cluster.ClusterOverview;
import dev.backroute.config.TypeConfig;
import dev.backroute.drill.DrillRecord;
import dev.backroute.drill.DrillRecords;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@Command(name = "status", description = "Per type: last success, last failure (each with the host that made it), next due time,"
        + " backups and bytes kept per target, and their logical size against what they take (the dedup ratio); with a"
        + " cluster, its members and their states.",
        footer = {"", "Examples:", "  ./backroute status", "  ./backroute status --type postgresql --json"})
final class StatusCommand extends CommandBase {

    @Option(names = "--type", paramLabel = "TYPE", description = "only this type (default: every configured type)")
    String type;

    @Override
    public Integer call() {
        BackupManager manager = new BackupManager(config(), catalog(), Clock.systemUTC());
        List<String> types = type != null ? List.of(config().type(type).name())
                : config().types().values().stream().map(TypeConfig::name).toList();
        DrillRecords drills = new DrillRecords(config(), ManifestAuthority.of(config(), env()));
        List<TypeStatus> statuses = types.stream().map(manager::getBackupStatus)
                .map(s -> new TypeStatus(s, manager.getTypeSizes(s), lastDrill(drills, s.type()))).toList();
        JsonObject document = new JsonObject().with("types", statuses);
        ClusterOverview cluster = ClusterOverview.of(config().cluster(), env());
        if (cluster != null) {
            document.with("cluster", cluster);
        }
        print(document, () -> {
            statuses.forEach(this::printText);
            if (cluster != null) {
                ClusterSection.lines(cluster).forEach(out()::println);
            }
        });
        // A report, like the untrusted and overdue it shows: a silent member or an unusable database is read here,
        // alerted on by run, and never makes status itself fail.
        return ExitCodes.OK;
    }

    /** A type's entry: its status, then {@code sizes_per_target} and {@code last_drill} (null: never drilled, or unreadable). */
    record TypeStatus(@JsonUnwrapped BackupStatus status, Map<String, TypeSizes.OnTarget> sizesPerTarget, DrillRecord lastDrill) {}

    /** A record that cannot be read is logged by DrillRecords and shown as none: status still reports everything else. */
    private static DrillRecord lastDrill(DrillRecords drills, String type) {
        try {
            return drills.latest(type).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private void printText(TypeStatus t) {
        BackupStatus s = t.status();
        out().println(s.type() + (s.enabled() ? "" : " (disabled)") + "  schedule " + s.schedule());
        out().println("  last success: " + describe(s.lastSuccess()));
        out().println("  last failure: " + (s.lastFailure() == null ? "none" : Times.human(s.lastFailure().startedAt()) + on(s.lastFailure())
                + "  " + Errors.inert(s.lastFailure().error())));
        out().println("  next due:     " + (s.enabled() ? Times.human(s.nextDue()) : "never (disabled)"));
        out().println("  kept:         " + s.successfulCount() + " successful backup(s)");
        s.bytesPerTarget().forEach((target, b) -> out().println("    " + target + ": " + Sizes.human(b)));
        String ratio = config().type(s.type()).usesRepository() ? "dedup ratio " : "compression ratio ";
        out().println("  size:         logical (restored) / stored");
        t.sizesPerTarget().forEach((target, z) -> out().println("    " + target + ": " + describe(z, ratio)));
        out().println("  last drill:   " + describe(t.lastDrill(), s.type()));
        s.futureDated().forEach(f -> out().println("  WARNING: " + f.warning()));
        s.untrusted().forEach(u -> out().println(Errors.inert("  UNTRUSTED: " + u.manifest() + " on " + u.target() + ": " + u.reason())));
    }

    /** {@code passed 2026-12-01 05:30 UTC (postgresql_20261201_020000, restored in 12.3 s) on host-a}, or how it failed. */
    private static String describe(DrillRecord d, String type) {
        if (d == null) {
            return "never (./backroute drill --type " + type + ")";
        }
        String what = d.backups().isEmpty() ? "" : d.backups().get(0).backupId() + (d.backups().size() > 1 ? " and "
                + (d.backups().size() - 1) + " more" : "") + ", ";
        return (d.success() ? "passed " : "FAILED ") + Times.human(d.startedAt()) + " (" + what + "restored in "
                + Times.seconds(d.restoreSeconds()) + ") on " + Errors.inert(d.host())
                + (d.success() ? "" : ": " + Errors.inert(d.error()));
    }

    /** {@code 18.0 MiB / 9.2 MiB, dedup ratio 1.96}; "unknown" and why for a target that could not be listed. */
    private static String describe(TypeSizes.OnTarget z, String ratio) {
        String sizes = Sizes.human(z.logicalBytes()) + " / " + (z.storedBytes() == null ? "unknown" : Sizes.human(z.storedBytes()));
        if (z.error() != null) {
            return sizes + ": " + Errors.inert(z.error());
        }
        return z.dedupRatio() == null ? sizes : sizes + ", " + ratio + String.format(Locale.ROOT, "%.2f", z.dedupRatio());
    }

    private static String describe(BackupRecord r) {
        // As list shows it: a repository backup stored only what it added.
        return r == null ? "never" : Times.human(r.startedAt()) + "  " + r.id() + "  " + (r.inRepository() ? "+" : "") + Sizes.human(r.storedBytes())
                + on(r);
    }

    /** {@code  on host-a}: the host, or cluster member, its manifest says made the backup; nothing when it names none. */
    private static String on(BackupRecord r) {
        String host = Hosts.shown(r.host());
        return host == null ? "" : " on " + host;
    }
}
