package dev.backroute.restore;

import dev.backroute.archive.TarSummary;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.BackupResolver;
import dev.backroute.catalog.LocatedBackup;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.ConfigException;
import dev.backroute.config.PostgresSource;
import dev.backroute.postgres.PgRecovery;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** {@code recover}: finds the backup, then restores it with the recovery that fits its kind and destination. */
public final class RecoveryService {
    private final BackupConfig config;
    private final Map<String, String> env;
    private final ArtifactDecoder decoder;
    private final Consumer<String> say;

    /** {@code say} receives what the operator must be told before it happens (dropping a database). */
    public RecoveryService(BackupConfig config, Map<String, String> env, Consumer<String> say) {
        this.config = config;
        this.env = env;
        this.decoder = new ArtifactDecoder(config.encryption(), env);
        this.say = say;
    }

    /** What was restored where; {@code details} are the counts or facts the restore reports. */
    public record Recovered(String backupId, String type, String destination, Map<String, Object> details) {}

    public Recovered recover(String backupRef, String destination, boolean overwrite, int jobs) throws IOException {
        LocatedBackup backup = new BackupResolver(config).resolve(backupRef);
        BackupRecord record = backup.record();
        if (!record.success()) {
            throw new IntegrityException("backup " + record.id() + " failed when it ran and cannot be restored: " + record.error());
        }
        Object kind = record.source().get("kind");
        boolean toServer = destination.contains("://");
        if ("postgresql".equals(kind)) {
            PgRecovery pg = new PgRecovery((PostgresSource) config.type(record.type()).source(), env, decoder,
                    config.backupDir().resolve(".staging"), say);
            if (toServer) {
                return new Recovered(record.id(), record.type(), destination, pg.toDatabase(backup, destination, overwrite, jobs));
            }
            Path file = pg.toDirectory(backup, Path.of(destination), overwrite);
            return new Recovered(record.id(), record.type(), file.toString(), Map.of("file", file.toString()));
        }
        if (toServer) {
            throw new ConfigException("--destination", "--destination " + destination + ": backup " + record.id()
                    + " holds files; give a directory to restore them into");
        }
        Path dest = Path.of(destination).toAbsolutePath().normalize();
        TarSummary s = new FilesRecovery(decoder).recover(backup, dest, overwrite);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("files", s.files());
        details.put("directories", s.directories());
        details.put("symlinks", s.symlinks());
        details.put("content_bytes", s.contentBytes());
        return new Recovered(record.id(), record.type(), dest.toString(), details);
    }
}
