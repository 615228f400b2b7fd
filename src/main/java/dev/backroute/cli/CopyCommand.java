package dev.backroute.cli;

import dev.backroute.catalog.ManifestAuthority;
import dev.backroute.catalog.TypeRepositories;
import dev.backroute.restore.BackupCopier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "copy", description = "Copy a type's backups from one of its storage targets to another (only those missing"
        + " there; run it again to resume), so the second can restore them alone.",
        footer = {"", "Examples:",
                "  ./backroute copy --type data_files --from local --to s3     # seed a new target, or keep it in step"})
final class CopyCommand extends CommandBase {

    @Option(names = "--type", required = true, paramLabel = "TYPE", description = "the type whose backups to copy")
    String type;

    @Option(names = "--from", required = true, paramLabel = "TARGET", description = "the storage target that holds them")
    String from;

    @Option(names = "--to", required = true, paramLabel = "TARGET",
            description = "the storage target to copy them to; it must be in the type's \"storage\" list")
    String to;

    @Override
    public Integer call() throws Exception {
        BackupCopier copier = new BackupCopier(config(), catalog(), new TypeRepositories(config(), env()),
                ManifestAuthority.of(config(), env()), locks());
        BackupCopier.Result result;
        try {
            result = copier.copy(type, from, to);
        } catch (IllegalArgumentException e) {
            throw new ErrorReporter.UsageException(e.getMessage());
        }
        print(new JsonObject().with("success", true).with("type", result.type()).with("from", result.from()).with("to", result.to())
                .with("copied", result.copied()).with("already_there", result.present()), () -> {
            result.copied().forEach(id -> out().println("copied " + id));
            out().println(result.type() + ": copied " + result.copied().size() + " backup(s) from " + result.from() + " to "
                    + result.to() + (result.present().isEmpty() ? "" : "; " + result.present().size() + " were there already"));
        });
        return ExitCodes.OK;
    }
}
