package dev.backroute.restore;

import dev.backroute.archive.PathPatterns;
import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.ManifestAuthority;
import dev.backroute.catalog.BackupResolver;
import dev.backroute.catalog.LocatedBackup;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.ConfigException;
import dev.backroute.config.SourceConfig;
import dev.backroute.pipeline.ProgressListener;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** {@code recover}: finds the backup, then restores it with the recovery that fits its kind and destination. */
public final class RecoveryService {
    private final BackupConfig config;
    private final Map<String, String> env;
    private final ArtifactDecoder decoder;
    private final DecodedFiles files;
    private final Consumer<String> say;

    /**
     * {@code say} receives what the operator must be told before it happens (dropping a database);
     * {@code progress} the stored bytes read, as phase {@code restore}.
     */
    public RecoveryService(BackupConfig config, Map<String, String> env, Consumer<String> say, ProgressListener progress) {
        this.config = config;
        this.env = env;
        this.decoder = new ArtifactDecoder(config, env).reporting(progress, "restore");
        this.files = new DecodedFiles(decoder);
        this.say = say;
    }

    /** What was restored where; {@code details} are the counts or facts the restore reports. */
    public record Recovered(String backupId, String type, String destination, Map<String, Object> details) {}

    /**
     * How to restore: {@code overwrite} replaces what is there; {@code jobs} is pg_restore's parallelism;
     * {@code renameSuffix}/{@code renameTo} give restored Milvus collections other names (null: same names);
     * {@code paths} picks the entries of a files backup; {@code tables} and {@code schemas}, when not empty, are all
     * pg_restore restores of a custom-format dump (its {@code --table} and {@code --schema}).
     */
    public record Options(boolean overwrite, int jobs, String renameSuffix, String renameTo, PathPatterns paths,
                          List<String> tables, List<String> schemas) {
        /** Everything restored, one pg_restore job, nothing renamed. */
        public static Options whole(boolean overwrite) {
            return new Options(overwrite, 1, null, null, PathPatterns.ALL, List.of(), List.of());
        }

        public Options {
            tables = List.copyOf(tables);
            schemas = List.copyOf(schemas);
        }
    }

    public Recovered recover(String backupRef, String destination, Options options) throws IOException {
        return recover(backupRef, destination, options, null);
    }

    /**
     * @param server the server and credentials a server destination is reached with, as the kind's own source record
     *               (a drill's scratch server); null for the type's configured source
     */
    public Recovered recover(String backupRef, String destination, Options options, SourceConfig server) throws IOException {
        LocatedBackup backup = new BackupResolver(config, new BackupCatalog(config, ManifestAuthority.of(config, env))).resolve(backupRef);
        BackupRecord record = backup.record();
        if (!record.success()) {
            throw new IntegrityException("backup " + record.id() + " failed when it ran and cannot be restored: " + record.error());
        }
        // The config says what the backup is and how to restore it; the manifest only has to agree.
        ArtifactForm form = decoder.form(record);
        String kind = form.kind();
        boolean toServer = destination.contains("://");
        checkOptions(options, kind, toServer);
        checkPgObjects(options, record, form, toServer);
        Map<String, Object> details;
        Optional<DatabaseKind> database = DatabaseKinds.find(kind);
        if (database.isPresent()) {
            details = toServer ? database.get().toServer(new ServerRestore(backup, form,
                            server != null ? server : config.type(record.type()).source(), env,
                            destination, options, decoder, staging(), say))
                    : Map.of("file", files.decodeInto(backup, Path.of(destination), record.artifactBaseName(), options.overwrite()).toString());
        } else if (!"files".equals(kind)) {
            // A kind that brings no restore of its own must not have its backups read as a tar.
            throw new IllegalStateException("kind " + kind + " has no recovery in this version (it implements no DatabaseKind)");
        } else if (toServer) {
            throw new ConfigException("--destination", "--destination " + destination + ": backup " + record.id()
                    + " holds files; give a directory to restore them into");
        } else {
            Path dir = Path.of(destination).toAbsolutePath().normalize();
            return new Recovered(record.id(), record.type(), dir.toString(),
                    new FilesRecovery(decoder).recover(backup, dir, options.overwrite(), options.paths()).counts());
        }
        return new Recovered(record.id(), record.type(), destination, details);
    }

    /** Options meant for another kind of restore are refused rather than silently ignored. */
    private static void checkOptions(Options options, String kind, boolean toServer) {
        if (options.jobs() < 1) {
            throw new ConfigException("--jobs", "--jobs must be at least 1, got " + options.jobs());
        }
        boolean renames = options.renameSuffix() != null || options.renameTo() != null;
        if (renames && !("milvus".equals(kind) && toServer)) {
            throw new ConfigException("--rename-suffix", "--rename-suffix and --rename-to apply only to restoring a Milvus"
                    + " backup into a server (http://…)");
        }
        if (!options.paths().selectsAll() && !"files".equals(kind)) {
            throw new ConfigException("--include", "--include and --exclude apply only to a backup of files; this one is of kind "
                    + kind);
        }
    }

    /**
     * {@code --table}/{@code --schema} pick objects of a custom-format dump, which only pg_restore can; a plain dump is
     * loaded whole by psql, and a globals backup holds roles. Names go to pg_restore as {@code --table=NAME}, so they
     * cannot become options; a name that looks like one is refused as the typo it is.
     */
    private static void checkPgObjects(Options options, BackupRecord record, ArtifactForm form, boolean toServer) {
        if (options.tables().isEmpty() && options.schemas().isEmpty()) {
            return;
        }
        if (!"postgresql".equals(form.kind()) || !toServer) {
            throw new ConfigException("--table", "--table and --schema apply only to restoring a PostgreSQL backup into a"
                    + " server (postgresql://…); this one is of kind " + form.kind() + (toServer ? "" : " into a directory"));
        }
        if (Boolean.TRUE.equals(record.source().get("globals"))) {
            throw new ConfigException("--table", "--table and --schema do not apply to " + record.id()
                    + ": it holds roles and tablespaces (globals), not a database");
        }
        if (!"dump".equals(form.base())) {
            throw new ConfigException("--table", "--table and --schema need a custom-format dump (format: custom), which"
                    + " pg_restore reads; " + record.id() + " is a plain SQL dump, which psql loads whole");
        }
        for (String name : options.tables()) {
            checkPgName("--table", name);
        }
        for (String name : options.schemas()) {
            checkPgName("--schema", name);
        }
    }

    private static void checkPgName(String option, String name) {
        if (name.isEmpty() || name.startsWith("-") || name.chars().anyMatch(Character::isISOControl)) {
            throw new ConfigException(option, option + " '" + name + "' is not a table or schema name (empty, starting with"
                    + " '-', or holding a control character)");
        }
    }

    private Path staging() {
        return config.backupDir().resolve(".staging");
    }
}
