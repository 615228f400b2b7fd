package dev.backroute.restore;

import dev.backroute.archive.TarSummary;
import dev.backroute.catalog.BackupResolver;
import dev.backroute.catalog.LocatedBackup;
import dev.backroute.config.BackupConfig;
import dev.backroute.config.ConfigException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** {@code recover}: finds the backup, then restores it with the recovery that fits its kind and destination. */
public final class RecoveryService {
    private final BackupConfig config;
    private final ArtifactDecoder decoder;

    public RecoveryService(BackupConfig config, Map<String, String> env) {
        this.config = config;
        this.decoder = new ArtifactDecoder(config.encryption(), env);
    }

    public record Recovered(String backupId, String type, Path destination, TarSummary summary) {}

    public Recovered recover(String backupRef, String destination, boolean overwrite) throws IOException {
        LocatedBackup backup = new BackupResolver(config).resolve(backupRef);
        if (!backup.record().success()) {
            throw new IntegrityException("backup " + backup.record().id() + " failed when it ran and cannot be restored: "
                    + backup.record().error());
        }
        if (destination.contains("://")) {
            throw new ConfigException("--destination", "--destination " + destination + ": backup " + backup.record().id()
                    + " holds files; give a directory to restore them into");
        }
        Path dest = Path.of(destination);
        TarSummary summary = new FilesRecovery(decoder).recover(backup, dest, overwrite);
        return new Recovered(backup.record().id(), backup.record().type(), dest.toAbsolutePath().normalize(), summary);
    }
}
