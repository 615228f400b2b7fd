package dev.backroute.cli;

import dev.backroute.archive.PathGlob;
import dev.backroute.archive.PathPatterns;
import dev.backroute.config.ConfigException;
import dev.backroute.crypto.GcmWarmup;
import dev.backroute.restore.RecoveryService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

@Command(name = "recover", description = "Verify a backup and restore it into a destination.",
        footer = {"", "Examples:",
                "  ./backroute recover --backup-path data_files:latest --destination /tmp/out",
                "  ./backroute recover --backup-path postgresql:movies:latest \\",
                "      --destination postgresql://postgres@localhost/movies_copy",
                "  ./backroute recover --backup-path data_files:latest --destination /tmp/out \\",
                "      --include 'data/reports/**' --exclude '**/*.tmp'",
                "  ./backroute recover --backup-path milvus:latest \\",
                "      --destination http://localhost:19530 --rename-suffix _restored"})
final class RecoverCommand extends CommandBase {

    @Option(names = "--backup-path", required = true, paramLabel = "P",
            description = "an artifact or manifest path, a backup id, TYPE:latest, or <type folder>/latest")
    String backupPath;

    @Option(names = "--destination", required = true, paramLabel = "D", description = "a directory, or a server: postgresql://[user@]host[:port]/database,"
            + " bolt://host:port[/database] (Neo4j), http://host:19530 (Milvus)")
    String destination;

    @Option(names = "--overwrite", description = "replace what is there: the backup's top-level entries in a directory"
            + " (with --include/--exclude, the selected entries), or drop and recreate a non-empty database")
    boolean overwrite;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "2", description = "parallel jobs for pg_restore of custom-format dumps (default ${DEFAULT-VALUE})")
    int jobs;

    @Option(names = "--rename-suffix", paramLabel = "S", description = "Milvus: restore each collection as <name><S>")
    String renameSuffix;

    @Option(names = "--rename-to", paramLabel = "NAME", description = "Milvus: restore the backup's only collection as NAME")
    String renameTo;

    @Option(names = "--include", paramLabel = "GLOB", description = "files: restore only the paths GLOB matches (as backroute ls"
            + " shows them; * stays within a folder, ** crosses folders; a matched folder brings all below it); repeatable")
    List<String> includes = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "GLOB", description = "files: do not restore the paths GLOB matches, nor what is"
            + " below them; wins over --include; repeatable")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--table", paramLabel = "NAME", description = "PostgreSQL custom-format dump: restore only this table"
            + " (pg_restore --table); repeatable")
    List<String> tables = new ArrayList<>();

    @Option(names = "--schema", paramLabel = "NAME", description = "PostgreSQL custom-format dump: restore only this schema"
            + " (pg_restore --schema); repeatable")
    List<String> schemas = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        GcmWarmup.start(); // while the catalog is read
        RecoveryService.Recovered r;
        try (ProgressHandle progress = Progress.start(null, json(), env(), err())) {
            RecoveryService service = new RecoveryService(config(), env(), message -> progress.say("backroute: " + message), progress);
            r = service.recover(backupPath, destination, new RecoveryService.Options(overwrite, jobs, renameSuffix, renameTo,
                    new PathPatterns(globs("--include", includes), globs("--exclude", excludes)), tables, schemas));
        }
        JsonObject doc = new JsonObject().with("id", r.backupId()).with("type", r.type()).with("destination", r.destination());
        doc.putAll(r.details());
        print(doc, () -> out().println("recovered " + r.backupId() + " into " + r.destination() + " ("
                + r.details().entrySet().stream().filter(e -> e.getValue() != null).map(e -> e.getKey() + " " + e.getValue())
                .collect(java.util.stream.Collectors.joining(", ")) + "), checksums verified"));
        return ExitCodes.OK;
    }

    private static List<PathGlob> globs(String option, List<String> patterns) {
        List<PathGlob> globs = new ArrayList<>();
        for (String pattern : patterns) {
            try {
                globs.add(PathGlob.of(pattern));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(option, option + " '" + pattern + "': " + e.getMessage());
            }
        }
        return globs;
    }
}
