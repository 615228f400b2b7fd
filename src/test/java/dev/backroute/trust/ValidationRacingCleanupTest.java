package dev.backroute.trust;

import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.LocatedBackup;
import dev.backroute.config.BackupConfig;
import dev.backroute.restore.BackupValidator;
import dev.backroute.retention.CleanupResult;
import dev.backroute.retention.RetentionCleaner;
import dev.backroute.testsupport.Installation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A validation that read a backup before retention deleted it must not write its manifest back. */
class ValidationRacingCleanupTest {

    @TempDir
    Path dir;

    @Test
    void noManifestIsLeftWithoutItsArtifactWhateverTheInterleaving() throws Exception {
        for (int round = 0; round < 4; round++) {
            Installation inst = Installation.in(Files.createDirectories(dir.resolve("round" + round))).write("gzip", false);
            Files.createDirectories(inst.source());
            Files.writeString(inst.source().resolve("a.txt"), "alpha " + round);
            List<String> expired = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                expired.add(StoredManifests.backup(inst));
            }
            String newest = expired.remove(expired.size() - 1);
            for (String id : expired) {
                StoredManifests.forge(inst.typeFolder(), id, m -> StoredManifests.startedAt(m, Instant.now().minus(Duration.ofDays(400))));
            }
            BackupConfig config = BackupConfig.loadFromFile(inst.config(), System.getenv());
            List<LocatedBackup> readBeforeCleanup = new BackupCatalog(config).backups("data_files");
            BackupValidator validator = new BackupValidator(config);

            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<?>> running = new ArrayList<>();
                running.add(pool.submit(() -> {
                    CleanupResult result = new RetentionCleaner(config).clean("data_files", false);
                    assertThat(result.errors()).isEmpty();
                }));
                for (LocatedBackup b : readBeforeCleanup) {
                    running.add(pool.submit(() -> validator.validate(b)));
                }
                for (Future<?> f : running) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            // And the plain interleaving: every validation finishing after the deletion.
            readBeforeCleanup.forEach(validator::validate);

            assertThat(manifests(inst.typeFolder())).containsExactly(BackupRecord.manifestNameFor(newest));
            for (String id : expired) {
                assertThat(Files.list(inst.typeFolder()).map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(id + "."));
            }
            assertThat(new BackupCatalog(config).backups("data_files")).extracting(b -> b.record().id()).containsExactly(newest);
        }
    }

    private static List<String> manifests(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".manifest.json")).toList();
        }
    }
}
