package dev.backroute.cli;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.backroute.Errors;

import dev.backroute.catalog.BackupManager;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.BackupStatus;
import dev.backroute.catalog.TypeSizes;
import dev.backroute.config.TypeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@Command(name = "status", description = "Per type: last success, last failure, next due time, backups and bytes kept per target,"
        + " and their logical size against what they take (the dedup ratio).",
        footer = {"", "Examples:", "  ./backroute status", "  ./backroute status --type postgresql --json"})
final class StatusCommand extends CommandBase {

    @Option(names = "--type", paramLabel = "TYPE", description = "only this type (default: every configured type)")
    String type;

    @Override
    public Integer call() {
        BackupManager manager = new BackupManager(config(), catalog(), Clock.systemUTC());
        List<String> types = type != null ? List.of(config().type(type).name())
                : config().types().values().stream().map(TypeConfig::name).toList();
        List<TypeStatus> statuses = types.stream().map(manager::getBackupStatus)
                .map(s -> new TypeStatus(s, manager.getTypeSizes(s))).toList();
        print(new JsonObject().with("types", statuses), () -> statuses.forEach(this::printText));
        return ExitCodes.OK;
    }

    /** A type's entry: its status, then {@code sizes_per_target}. */
    record TypeStatus(@JsonUnwrapped BackupStatus status, Map<String, TypeSizes.OnTarget> sizesPerTarget) {}

    private void printText(TypeStatus t) {
        BackupStatus s = t.status();
        out().println(s.type() + (s.enabled() ? "" : " (disabled)") + "  schedule " + s.schedule());
        out().println("  last success: " + describe(s.lastSuccess()));
        out().println("  last failure: " + (s.lastFailure() == null ? "none" : Times.human(s.lastFailure().startedAt()) + "  " + Errors.inert(s.lastFailure().error())));
        out().println("  next due:     " + (s.enabled() ? Times.human(s.nextDue()) : "never (disabled)"));
        out().println("  kept:         " + s.successfulCount() + " successful backup(s)");
        s.bytesPerTarget().forEach((target, b) -> out().println("    " + target + ": " + Sizes.human(b)));
        String ratio = config().type(s.type()).usesRepository() ? "dedup ratio " : "compression ratio ";
        out().println("  size:         logical (restored) / stored");
        t.sizesPerTarget().forEach((target, z) -> out().println("    " + target + ": " + describe(z, ratio)));
        s.futureDated().forEach(f -> out().println("  WARNING: " + f.warning()));
        s.untrusted().forEach(u -> out().println(Errors.inert("  UNTRUSTED: " + u.manifest() + " on " + u.target() + ": " + u.reason())));
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
        return r == null ? "never" : Times.human(r.startedAt()) + "  " + r.id() + "  " + (r.inRepository() ? "+" : "") + Sizes.human(r.storedBytes());
    }
}
