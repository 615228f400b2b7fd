package dev.backroute.cli;

import dev.backroute.crypto.GcmWarmup;
import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.BackupResolver;
import dev.backroute.catalog.LocatedBackup;
import dev.backroute.catalog.TypeRepositories;
import dev.backroute.config.TypeConfig;
import dev.backroute.repository.DataSubset;
import dev.backroute.restore.SubsetResult;
import dev.backroute.restore.SubsetValidator;
import dev.backroute.restore.BackupValidator;
import dev.backroute.restore.ValidationResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

@Command(name = "validate", description = "Re-read stored backups: checksum, decryption, decompression and structure, on every target.",
        footer = {"", "Examples:",
                "  ./backroute validate --type data_files --latest",
                "  ./backroute validate --backup-path data_files_20261125_010000",
                "  ./backroute validate --all",
                "  ./backroute validate --read-data-subset 5%      # repository types: structure, and the next 5% of the packs",
                "  ./backroute validate --read-data-subset 2GiB --type data_files"})
final class ValidateCommand extends CommandBase {

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Selection selection;

    static final class Selection {
        @Option(names = "--backup-path", paramLabel = "P", description = "an artifact or manifest path, a backup id, or TYPE:latest")
        String backupPath;

        @Option(names = "--type", paramLabel = "TYPE", description = "with --latest: the newest successful run of TYPE (every database it"
                + " dumped); with --read-data-subset: only TYPE")
        String type;

        @Option(names = "--all", description = "every successful backup of every configured type")
        boolean all;
    }

    @Option(names = "--latest", description = "with --type: validate the newest successful backup")
    boolean latest;

    @Option(names = "--adopt-unsigned", description = "with --type or --all: also read every backup whose manifest has no MAC"
            + " (written before manifests were authenticated) and seal the manifests of those that prove valid")
    boolean adoptUnsigned;

    @Option(names = "--read-data-subset", paramLabel = "SPEC", description = "repository types: check the structure (every snapshot,"
            + " every chunk indexed in a stored pack) and read a rotating subset of the packs, N% (up to 100, e.g. 2.5%) or a size"
            + " (500MiB, 2GiB) per run, so every pack is read within a rotation")
    String readDataSubset;

    @Override
    public Integer call() throws IOException {
        GcmWarmup.start(); // while the catalog is read
        if (readDataSubset != null) {
            return subset();
        }
        if (selection == null) {
            throw new ErrorReporter.UsageException("validate needs --backup-path P, --type TYPE --latest, --all or --read-data-subset SPEC");
        }
        if (selection.type != null && !latest) {
            throw new ErrorReporter.UsageException("--type needs --latest (or use --backup-path ID, or --all)");
        }
        if (latest && selection.type == null) {
            throw new ErrorReporter.UsageException("--latest goes with --type TYPE");
        }
        if (adoptUnsigned && selection.backupPath != null) {
            throw new ErrorReporter.UsageException("--adopt-unsigned goes with --type TYPE --latest or --all, not --backup-path");
        }
        BackupValidator validator = new BackupValidator(config(), env(), java.time.Clock.systemUTC());
        List<ValidationResult> results = new ArrayList<>();
        try (ProgressHandle progress = Progress.start(null, json(), env(), err())) {
            for (LocatedBackup b : selected(validator.catalog())) {
                results.add(validator.validate(b, progress, "validate"));
            }
            if (adoptUnsigned) {
                for (LocatedBackup b : unsigned(validator.catalog())) {
                    results.add(validator.adopt(b, progress));
                }
            }
        }
        boolean ok = results.stream().allMatch(ValidationResult::success);
        print(new JsonObject().with("success", ok).with("results", results.stream().map(ValidateCommand::json).toList()), () -> {
            if (results.isEmpty()) {
                out().println("no successful backups to validate");
            }
            results.forEach(r -> r.copies().forEach(c -> out().println(r.backupId() + " on " + c.target() + ": "
                    + (c.success() ? "valid (" + c.detail() + ")" : "INVALID: " + c.detail()))));
        });
        return ok ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private int subset() {
        if (selection != null && (selection.backupPath != null || selection.all) || latest || adoptUnsigned) {
            throw new ErrorReporter.UsageException("--read-data-subset goes alone or with --type TYPE, not with --backup-path, --all,"
                    + " --latest or --adopt-unsigned");
        }
        DataSubset subset;
        try {
            subset = DataSubset.parse(readDataSubset);
        } catch (IllegalArgumentException e) {
            throw new ErrorReporter.UsageException("--read-data-subset: " + e.getMessage());
        }
        List<TypeConfig> types = selection != null ? List.of(config().type(selection.type)) : List.copyOf(config().types().values());
        if (selection != null && !SubsetValidator.applies(types.get(0))) {
            throw new ErrorReporter.UsageException("--read-data-subset reads the packs of repository types; " + types.get(0).name()
                    + " keeps archives: validate it with --type " + types.get(0).name() + " --latest, or --all");
        }
        SubsetValidator validator = new SubsetValidator(config(), new TypeRepositories(config(), env()));
        List<SubsetResult> results = types.stream().filter(SubsetValidator::applies).map(t -> validator.validate(t.name(), subset)).toList();
        List<String> archives = types.stream().filter(t -> !SubsetValidator.applies(t)).map(TypeConfig::name).toList();
        boolean ok = results.stream().allMatch(SubsetResult::success);
        print(new JsonObject().with("success", ok).with("data_subset", subset.text())
                .with("types", results.stream().map(SubsetOutput::json).toList())
                .with("archive_types", archives), () -> {
            if (results.isEmpty()) {
                out().println("no type keeps its backups in a repository: no packs to read");
            }
            results.forEach(r -> r.targets().forEach(t -> out().println(r.type() + " on " + t.target() + ": " + SubsetOutput.text(t))));
            archives.forEach(a -> out().println(a + ": keeps archives, which a data subset does not cover (validate --all reads them)"));
        });
        if (!json()) {
            results.forEach(r -> r.errors().forEach(line -> err().println("backroute: error: " + line)));
            err().flush();
        }
        return ok ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** A copy's {@code detail} is what the check found when it passed, and its {@code error} when it did not. */
    private static JsonObject json(ValidationResult r) {
        return new JsonObject()
                .with("id", r.backupId())
                .with("success", r.success())
                .with("error", r.errorMessage())
                .with("copies", r.copies().stream().map(c -> new JsonObject()
                        .with("target", c.target())
                        .with("success", c.success())
                        .with("detail", c.success() ? c.detail() : null)
                        .with("error", c.success() ? null : c.detail())).toList());
    }

    private List<LocatedBackup> selected(BackupCatalog catalog) throws IOException {
        if (selection.backupPath != null) {
            return List.of(new BackupResolver(config(), catalog).resolve(selection.backupPath));
        }
        if (selection.type != null) {
            return catalog.latestRun(config().type(selection.type).name());
        }
        List<LocatedBackup> all = new ArrayList<>();
        for (TypeConfig t : config().types().values()) {
            catalog.backups(t.name()).stream().filter(b -> b.record().success()).forEach(all::add);
        }
        return all;
    }

    /** The successful backups of the selected types whose manifests only lack a MAC: nothing else is adopted. */
    private List<LocatedBackup> unsigned(BackupCatalog catalog) throws IOException {
        List<TypeConfig> types = selection.type != null ? List.of(config().type(selection.type)) : List.copyOf(config().types().values());
        List<LocatedBackup> found = new ArrayList<>();
        for (TypeConfig t : types) {
            catalog.scan(t.name()).untrusted().stream().filter(BackupCatalog.Untrusted::unsigned)
                    .map(BackupCatalog.Untrusted::backup).filter(b -> b.record().success()).forEach(found::add);
        }
        return found;
    }
}
