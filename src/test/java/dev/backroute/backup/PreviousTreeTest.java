package dev.backroute.backup;

import dev.backroute.archive.SourceStat;
import dev.backroute.archive.TarRoot;
import dev.backroute.archive.WalkOrder;
import dev.backroute.pipeline.Compression;
import dev.backroute.repository.Backup;
import dev.backroute.repository.BackupOptions;
import dev.backroute.repository.ChunkerParams;
import dev.backroute.repository.MemoryBlobStore;
import dev.backroute.repository.Repository;
import dev.backroute.repository.Snapshot;
import dev.backroute.repository.SnapshotInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the files cache takes over from the last tree, and what it always reads again. */
class PreviousTreeTest {
    private static final Instant STARTED = Instant.parse("2026-12-05T12:00:00Z");
    private static final Instant LONG_BEFORE = STARTED.minusSeconds(3600);
    private static final WalkOrder ORDER = new WalkOrder(List.of(new TarRoot(Path.of("/src"), "data")));

    @TempDir
    Path spool;

    private final MemoryBlobStore store = new MemoryBlobStore();

    @Test
    void aFileWithTheSameSizeTimesAndInodeIsTakenOverAndAnyDifferenceIsReadAgain() throws IOException {
        Repository repository = Repository.init(store, null, new ChunkerParams(4096, 16384, 65536));
        SourceStat stat = stat(LONG_BEFORE, 42);
        Snapshot last = backUp(repository, List.of(new Written("data/a.txt", stat, true)));

        try (Backup next = repository.newBackup(options())) {
            assertThat(cache(repository, last).unchanged("data/a.txt", stat, next)).isNotNull();
            assertThat(cache(repository, last).unchanged("data/a.txt", stat(LONG_BEFORE.plusNanos(1), 42), next))
                    .as("change time moved").isNull();
            assertThat(cache(repository, last).unchanged("data/a.txt", stat(LONG_BEFORE, 43), next)).as("another inode").isNull();
            assertThat(cache(repository, last).unchanged("data/b.txt", stat, next)).as("another path").isNull();
        }
    }

    @Test
    void aFileChangedWithinATimestampTickOfTheLastBackupOrNotReadWholeIsAlwaysReadAgain() throws IOException {
        Repository repository = Repository.init(store, null, new ChunkerParams(4096, 16384, 65536));
        // Whole seconds: a file system that keeps no more, so a write in the same second would look the same.
        SourceStat coarse = stat(STARTED.minusSeconds(1), 7);
        // Nanoseconds: a clock that ticks every few ms; 50 ms before the start is still too close, 500 ms is not.
        SourceStat fineRacy = stat(STARTED.minusMillis(50).plusNanos(1), 8);
        SourceStat fineSettled = stat(STARTED.minusMillis(500).plusNanos(1), 9);
        SourceStat old = stat(LONG_BEFORE, 10);
        Snapshot last = backUp(repository, List.of(new Written("data/a-coarse.txt", coarse, true),
                new Written("data/b-fine-racy.txt", fineRacy, true), new Written("data/c-fine-settled.txt", fineSettled, true),
                new Written("data/d-torn.txt", old, false)));

        try (Backup next = repository.newBackup(options()); PreviousTree cache = cache(repository, last)) {
            assertThat(cache.unchanged("data/a-coarse.txt", coarse, next)).as("changed in the second it may have been read").isNull();
            assertThat(cache.unchanged("data/b-fine-racy.txt", fineRacy, next)).as("changed 50 ms before").isNull();
            assertThat(cache.unchanged("data/c-fine-settled.txt", fineSettled, next)).as("changed 500 ms before").isNotNull();
            assertThat(cache.unchanged("data/d-torn.txt", old, next)).as("padded after a read error").isNull();
        }
    }

    private record Written(String name, SourceStat stat, boolean whole) {}

    private Snapshot backUp(Repository repository, List<Written> files) throws IOException {
        try (Backup backup = repository.newBackup(options())) {
            FilesIntoRepository visitor = new FilesIntoRepository(List.of(new FilesIntoRepository.Target(backup, null)));
            for (Written f : files) {
                OutputStream out = visitor.beginFile(f.name(), f.stat());
                out.write("0123456789".getBytes(StandardCharsets.US_ASCII));
                visitor.endFile(f.whole());
            }
            return backup.commit(new SnapshotInfo("data_files", "data_files_1", STARTED, STARTED, Snapshot.Kind.FILES, Map.of()));
        }
    }

    private static PreviousTree cache(Repository repository, Snapshot last) {
        return PreviousTree.of(repository, last, "data_files", ORDER);
    }

    private BackupOptions options() {
        return new BackupOptions(Compression.ZSTD, 3, BackupOptions.DEFAULT_PACK_SIZE, spool, 1, 1, BackupOptions.DEFAULT_LOCK_WAIT);
    }

    private static SourceStat stat(Instant changed, long inode) {
        return new SourceStat(0100644, 1000, 1000, "ops", "ops", 10, FileTime.from(LONG_BEFORE), FileTime.from(changed), inode);
    }
}
