package dev.backroute.cli;

import dev.backroute.catalog.TypeRepositories;
import dev.backroute.config.StorageFormat;
import dev.backroute.config.TypeConfig;
import dev.backroute.repository.PruneReport;
import dev.backroute.retention.PruneResult;
import dev.backroute.retention.RepositoryPruner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "prune", description = "Reclaim the space of forgotten backups in repository types: delete the packs no kept"
        + " snapshot uses and repack those mostly unused, on every target.",
        footer = {"", "Examples:",
                "  ./backroute prune --dry-run                   # what would be deleted or repacked",
                "  ./backroute prune --type data_files"})
final class PruneCommand extends CommandBase {

    @Option(names = "--type", paramLabel = "TYPE", description = "only this type (default: every type whose format is repository)")
    String type;

    @Option(names = "--dry-run", description = "report what would be deleted and repacked; change nothing")
    boolean dryRun;

    @Override
    public Integer call() {
        RepositoryPruner pruner = new RepositoryPruner(config(), new TypeRepositories(config(), env()), catalog(), locks());
        List<String> types;
        if (type != null) {
            TypeConfig chosen = config().type(type);
            if (chosen.format() != StorageFormat.REPOSITORY) {
                throw new ErrorReporter.UsageException("prune works on repository types; " + chosen.name() + " keeps archives,"
                        + " which cleanup deletes whole (set \"format\": \"repository\" to deduplicate it)");
            }
            types = List.of(chosen.name());
        } else {
            types = pruner.repositoryTypes();
        }
        List<PruneResult> results = types.stream().map(t -> pruner.prune(t, dryRun)).toList();
        boolean ok = results.stream().allMatch(PruneResult::success);
        print(new JsonObject().with("success", ok).with("dry_run", dryRun)
                .with("results", results.stream().map(PruneCommand::json).toList()), () -> {
            if (results.isEmpty()) {
                out().println("no type keeps its backups in a repository: nothing to prune");
            }
            results.forEach(this::printText);
        });
        if (!json()) {
            results.forEach(r -> r.targets().stream().filter(t -> t.error() != null)
                    .forEach(t -> err().println("backroute: error: " + t.error())));
            err().flush();
        }
        return ok ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static JsonObject json(PruneResult r) {
        return new JsonObject().with("type", r.type()).with("success", r.success()).with("bytes_freed", r.bytesFreed())
                .with("targets", r.targets().stream().map(t -> {
                    JsonObject o = new JsonObject().with("target", t.target()).with("error", t.error());
                    PruneReport p = t.report();
                    if (p != null) {
                        o.with("snapshots", p.snapshots()).with("packs_before", p.packsBefore()).with("packs_deleted", p.packsDeleted())
                                .with("packs_repacked", p.packsRepacked()).with("packs_written", p.packsWritten())
                                .with("index_files_rewritten", p.indexRewritten()).with("bytes_before", p.bytesBefore())
                                .with("bytes_after", p.bytesAfter()).with("unused_bytes_kept", p.unusedKept());
                    }
                    return o;
                }).toList());
    }

    private void printText(PruneResult r) {
        for (PruneResult.OnTarget t : r.targets()) {
            String where = r.type() + " on " + t.target() + ": ";
            if (t.error() != null) {
                out().println(where + "NOT PRUNED (see the error below)");
            } else if (t.report() == null) {
                out().println(where + "no repository there yet");
            } else {
                PruneReport p = t.report();
                String verb = dryRun ? "would " : "";
                out().println(where + p.snapshots() + " snapshot(s) kept; " + verb + (dryRun ? "delete " : "deleted ") + p.packsDeleted()
                        + " of " + p.packsBefore() + " pack(s), " + verb + (dryRun ? "repack " : "repacked ") + p.packsRepacked()
                        + "; stored " + Sizes.human(p.bytesBefore()) + " -> " + Sizes.human(p.bytesAfter())
                        + (p.unusedKept() > 0 ? " (" + Sizes.human(p.unusedKept()) + " unused left in packs below repack_unused_percent)" : "")
                        + (dryRun ? "; nothing was changed" : ""));
            }
        }
    }
}
