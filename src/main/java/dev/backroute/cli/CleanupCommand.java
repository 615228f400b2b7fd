package dev.backroute.cli;

import dev.backroute.retention.CleanupResult;
import dev.backroute.retention.RetentionCleaner;
import dev.backroute.config.TypeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.List;

@Command(name = "cleanup", description = "Apply retention now: delete expired backups (manifest first, then artifact) on every target.",
        footer = {"", "Examples:",
                "  ./backroute cleanup --dry-run                 # what would go, and why",
                "  ./backroute cleanup --type logs"})
final class CleanupCommand extends CommandBase {

    @Option(names = "--type", paramLabel = "TYPE", description = "only this type (default: every configured type)")
    String type;

    @Option(names = "--dry-run", description = "list what would be deleted and why; change nothing")
    boolean dryRun;

    @Override
    public Integer call() {
        List<String> types = type != null ? List.of(config().type(type).name())
                : config().types().values().stream().map(TypeConfig::name).toList();
        RetentionCleaner cleaner = new RetentionCleaner(config(), catalog(), locks(), Clock.systemUTC());
        List<CleanupResult> results = types.stream().map(t -> cleaner.clean(t, dryRun)).toList();
        boolean ok = results.stream().allMatch(CleanupResult::success);
        print(new JsonObject().with("success", ok).with("dry_run", dryRun)
                .with("results", results.stream().map(CleanupCommand::json).toList()), () -> {
            results.forEach(this::printText);
            printTotals(results);
        });
        if (!json()) {
            results.stream().filter(r -> r.error() != null).forEach(r -> err().println("backroute: error: " + r.error()));
            err().flush();
        }
        return ok ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static JsonObject json(CleanupResult r) {
        return new JsonObject()
                .with("type", r.type())
                .with("success", r.success())
                .with("error", r.error())
                .with("deleted", r.deleted().stream().map(d -> new JsonObject()
                        .with("id", d.id()).with("reason", d.reason()).with("bytes_freed", d.bytes()).with("targets", d.targets())).toList())
                .with("kept", r.kept().size())
                .with("kept_backups", r.kept().stream().map(k -> new JsonObject().with("id", k.id()).with("reason", k.reason())).toList())
                .with("bytes_freed", r.bytesFreed())
                .with("errors", r.errors().stream().map(e -> new JsonObject()
                        .with("target", e.target()).with("id", e.id()).with("error", e.message())).toList());
    }

    private void printText(CleanupResult r) {
        if (r.error() != null) {
            out().println(r.type() + ": NOT CLEANED (see the error below)");
            return;
        }
        if (r.deleted().isEmpty() && r.errors().isEmpty()) {
            out().println(r.type() + ": nothing to delete (" + r.kept().size() + " kept)");
            printKept(r);
            return;
        }
        out().println(r.type() + ": " + (dryRun ? "would delete " : "deleted ") + r.deleted().size() + " backup(s), "
                + (dryRun ? "would keep " : "kept ") + r.kept().size());
        r.deleted().forEach(d -> out().printf("  %-34s %10s  %-16s %s%n", d.id(), d.bytes() == 0 ? "-" : Sizes.human(d.bytes()),
                String.join(",", d.targets()), d.reason()));
        r.errors().forEach(e -> out().println("  FAILED on target '" + e.target() + "'" + (e.id() == null ? "" : " for " + e.id())
                + ": " + e.message()));
        printKept(r);
    }

    /** A dry run shows every decision: what stays, and which rules keep it, below what would go. */
    private void printKept(CleanupResult r) {
        if (!dryRun || r.kept().isEmpty()) {
            return;
        }
        out().println("  would keep:");
        r.kept().forEach(k -> out().printf("    %-34s %s%n", k.id(), k.reason()));
    }

    private void printTotals(List<CleanupResult> results) {
        int count = results.stream().mapToInt(r -> r.deleted().size()).sum();
        long bytes = results.stream().mapToLong(CleanupResult::bytesFreed).sum();
        long failed = results.stream().filter(r -> !r.success()).count();
        if (dryRun) {
            out().println("dry run: would delete " + count + " backup(s), freeing " + Sizes.human(bytes) + "; nothing was changed");
        } else {
            out().println("total: deleted " + count + " backup(s), freed " + Sizes.human(bytes)
                    + (failed == 0 ? "" : "; " + failed + " type(s) had errors"));
        }
    }
}
