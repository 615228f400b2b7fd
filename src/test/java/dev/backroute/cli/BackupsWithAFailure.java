package dev.backroute.cli;

import dev.backroute.catalog.BackupManager;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.BackupStatus;
import dev.backroute.config.BackupConfig;
import dev.backroute.testsupport.Cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An installation whose storage already holds what {@code run} must show from the start, made with the
 * CLI: data_files with two successful backups and then a failure, quality_reports with one success. The
 * data_files source folder's name is markup, so the failure's error text (which quotes the path) is too.
 */
final class BackupsWithAFailure {
    static final String MARKUP_FOLDER = "src-<img src=x onerror=document.title='pwned'>";

    final Path config;
    final BackupConfig loaded;

    private BackupsWithAFailure(Path config) throws Exception {
        this.config = config;
        this.loaded = BackupConfig.loadFromFile(config, Map.of());
    }

    /** {@code extraJson} goes at the end of the config's top level, e.g. a management block. */
    static BackupsWithAFailure write(Path dir, String extraJson) throws Exception {
        Path source = Files.createDirectories(dir.resolve(MARKUP_FOLDER));
        Files.writeString(source.resolve("movies.csv"), "id,title\n1,Heat\n");
        Files.writeString(Files.createDirectories(dir.resolve("reports")).resolve("quality.txt"), "all good\n");
        Path config = dir.resolve("backup_config.json");
        Files.writeString(config, """
                { "backup_types": {
                    "data_files": { "schedule": "0 0 1 * * ?", "storage": ["local"], "source": { "paths": ["%s"] } },
                    "quality_reports": { "schedule": "0 15 1 * * ?", "storage": ["local"], "source": { "paths": ["reports"] } } }%s }
                """.formatted(MARKUP_FOLDER, extraJson));
        assertThat(Cli.withConfig(config, "backup", "--type", "all").exitCode()).isZero();
        Files.writeString(source.resolve("more.csv"), "id,title\n2,Ronin\n");
        assertThat(Cli.withConfig(config, "backup", "--type", "data_files", "--force").exitCode()).isZero();
        Files.move(source, dir.resolve("moved-away"));
        assertThat(Cli.withConfig(config, "backup", "--type", "data_files", "--force").exitCode()).isEqualTo(1);
        return new BackupsWithAFailure(config);
    }

    BackupStatus status(String type) {
        return new BackupManager(loaded).getBackupStatus(type);
    }

    List<BackupRecord> backups(String type) {
        return new BackupManager(loaded).listBackups(type, 100);
    }
}
