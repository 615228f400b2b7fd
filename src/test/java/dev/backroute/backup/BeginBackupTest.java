package dev.backroute.backup;

import dev.backroute.catalog.Locks;
import dev.backroute.config.BackupConfig;
import dev.backroute.pipeline.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BeginBackupTest {
    @TempDir
    Path dir;

    /** Any name is a type name now: a type that is a prefix of another must not take the other's running work for leftovers. */
    @Test
    void aRunClearsOnlyItsOwnTypesStagingLeftoversNotThoseOfATypeItsNamePrefixes() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Path configFile = Files.writeString(dir.resolve("backup_config.json"), """
                { "backup_types": { "pg": { "kind": "files", "source": { "paths": ["data"] } },
                                    "pg_analytics": { "kind": "files", "source": { "paths": ["data"] } } } }
                """);
        BackupConfig config = BackupConfig.loadFromFile(configFile, Map.of());
        Path staging = Files.createDirectories(config.backupDir().resolve(".staging"));
        Path own = Files.writeString(staging.resolve("pg_20260101_010000.tar.gz"), "left by a killed run of pg");
        Path others = Files.writeString(staging.resolve("pg_analytics_20260101_010000.tar.gz"), "being written by pg_analytics");

        BeginBackup begin = new BeginBackup(config, Locks.of(config, Map.of()));
        BackupGroup group = begin.open("pg", ProgressListener.NONE);
        try {
            begin.clearLeftovers(group);
        } finally {
            group.releaseLock();
        }

        assertThat(own).doesNotExist();
        assertThat(others).hasContent("being written by pg_analytics");
    }
}
