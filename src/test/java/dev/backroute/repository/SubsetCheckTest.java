package dev.backroute.repository;

import dev.backroute.pipeline.Compression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Repository#checkSubset}: a rotation reads every pack exactly once, damage is found by the run whose share
 * holds it and named with the backups that need it, a byte budget reads about that much, and a pack a prune removed
 * after the index was read is not damage.
 */
class SubsetCheckTest {
    private static final ChunkerParams PARAMS = new ChunkerParams(4096, 16384, 65536);
    private static final int PACK_SIZE = 64 * 1024;
    private static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");

    @TempDir
    Path spool;

    private final MemoryBlobStore memory = new MemoryBlobStore();
    /** Pack name → how many times it was read whole (what {@link PackReader#verify} does; tree reads are ranged). */
    private final Map<String, Integer> wholeReads = new TreeMap<>();
    private final BlobStore store = new ForwardingBlobStore(memory) {
        @Override
        public InputStream get(String name) throws IOException {
            if (name.startsWith(BlobName.DATA)) {
                wholeReads.merge(name, 1, Integer::sum);
            }
            return super.get(name);
        }
    };

    @Test
    void fourRunsOfAQuarterReadEveryPackExactlyOnce() throws IOException {
        backUpTwoDays();
        List<String> packs = packs();
        assertThat(packs).hasSizeGreaterThan(20);

        SubsetPosition position = SubsetPosition.START;
        List<Integer> groups = new ArrayList<>();
        double coverage = 0;
        for (int run = 0; run < 4; run++) {
            SubsetReport report = open().checkSubset(DataSubset.parse("25%"), position);
            assertThat(report.ok()).as(report.toString()).isTrue();
            assertThat(report.snapshots()).isEqualTo(2);
            assertThat(report.packsTotal()).isEqualTo(packs.size());
            assertThat(report.coverage()).isGreaterThanOrEqualTo(coverage); // a group may hold no pack
            coverage = report.coverage();
            groups.add(report.position().group());
            position = report.next();
        }

        assertThat(groups).containsExactly(1, 2, 3, 4);
        assertThat(coverage).isEqualTo(1.0);
        assertThat(wholeReads.keySet()).containsExactlyElementsOf(packs);
        assertThat(wholeReads.values()).containsOnly(1);
    }

    @Test
    void aFlippedByteIsFoundByTheRunWhoseGroupHoldsItAndNamedWithTheBackupThatNeedsIt() throws IOException {
        backUpTwoDays();
        String damaged = packOnlyUsedBy("day2");
        byte[] bytes = memory.get(damaged).readAllBytes();
        bytes[bytes.length / 3] ^= 0x20;
        memory.delete(damaged);
        memory.put(damaged, bytes);
        int damagedGroup = PackRotation.group(damaged, 4);

        for (int run = 0; run < 4; run++) {
            SubsetReport report = open().checkSubset(DataSubset.parse("25%"), new SubsetPosition(run, null));
            if (run == damagedGroup) {
                assertThat(report.ok()).isFalse();
                assertThat(report.problems()).isEmpty();
                assertThat(report.damaged()).hasSize(1);
                assertThat(report.damaged().get(0).pack()).isEqualTo(damaged);
                assertThat(report.damaged().get(0).error()).contains(damaged + " is damaged").endsWith("fails authentication");
                assertThat(report.damaged().get(0).backups()).containsExactly("day2");
            } else {
                assertThat(report.ok()).as("run %d, group %d", run, damagedGroup).isTrue();
            }
        }
    }

    @Test
    void aByteBudgetReadsAboutThatManyBytesAndTheNextRunGoesOnWhereItStopped() throws IOException {
        backUpTwoDays();
        long budget = 256 * 1024;
        long total = memory.list(BlobName.DATA).stream().mapToLong(BlobStore.Blob::size).sum();

        SubsetPosition position = SubsetPosition.START;
        long read = 0;
        while (read < total) {
            SubsetReport report = open().checkSubset(DataSubset.parse("256KiB"), position);
            assertThat(report.ok()).isTrue();
            assertThat(report.bytesRead()).isLessThanOrEqualTo(budget);
            if (read + report.bytesRead() < total) {
                // Stopped only because the next pack would not fit: less than a pack's worth of the budget is left.
                assertThat(report.bytesRead()).isGreaterThan(budget - 3 * PACK_SIZE);
            }
            read += report.bytesRead();
            position = report.next();
        }

        assertThat(read).isEqualTo(total);
        assertThat(wholeReads.keySet()).containsExactlyElementsOf(packs());
        assertThat(wholeReads.values()).containsOnly(1);
    }

    @Test
    void aPackAPruneDeletedAfterTheIndexWasReadIsNotDamage() throws IOException {
        backUpTwoDays();
        Repository reader = open(); // loads the index, as a validation does before it lists the packs
        Snapshot day1 = reader.snapshots().get(0);
        memory.delete(day1.objectName());
        PruneReport pruned = Repository.open(memory, new TestKeyWrap(1)).prune(new PruneOptions(false, 1, PACK_SIZE, spool,
                Duration.ofSeconds(30), java.util.Set.of()));
        assertThat(pruned.packsDeleted()).isPositive();

        SubsetReport report = reader.checkSubset(DataSubset.parse("100%"), SubsetPosition.START);

        assertThat(report.ok()).as(report.problems().toString()).isTrue();
        assertThat(report.snapshots()).isEqualTo(1);
        assertThat(report.packsRead()).isEqualTo(report.packsTotal()).isEqualTo(packs().size());
    }

    @Test
    void aPackAPruneDeletedBetweenTheListingAndItsReadIsNotDamage() throws IOException {
        backUpTwoDays();
        List<BlobStore.Blob> listedBefore = memory.list(BlobName.DATA);
        boolean[] stale = {false};
        BlobStore staleListing = new ForwardingBlobStore(memory) {
            @Override
            public List<Blob> list(String prefix) throws IOException {
                return stale[0] && prefix.equals(BlobName.DATA) ? listedBefore : super.list(prefix);
            }
        };
        Repository reader = Repository.open(staleListing, new TestKeyWrap(1));
        memory.delete(reader.snapshots().get(0).objectName());
        Repository.open(memory, new TestKeyWrap(1)).prune(new PruneOptions(false, 1, PACK_SIZE, spool, Duration.ofSeconds(30), java.util.Set.of()));
        List<String> left = packs();
        stale[0] = true;

        SubsetReport report = reader.checkSubset(DataSubset.parse("100%"), SubsetPosition.START);

        assertThat(report.ok()).as(report.toString()).isTrue();
        assertThat(report.packsRead()).isEqualTo(listedBefore.stream().filter(b -> left.contains(b.name())).count())
                .isLessThan(listedBefore.size());
    }

    @Test
    void aPackMissingThatTheIndexStillListsIsAProblemNamingIt() throws IOException {
        backUpTwoDays();
        String lost = packOnlyUsedBy("day1");
        memory.delete(lost);

        SubsetReport report = open().checkSubset(DataSubset.parse("10%"), SubsetPosition.START);

        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).anyMatch(p -> p.startsWith("pack " + lost + " is missing: the index lists "));
        assertThat(report.problems()).anyMatch(p -> p.contains("(backup day1) needs chunk ") && p.endsWith("from pack " + lost + ", which is missing"));
    }

    @Test
    void specsOutsideTheirRangeOrInAnotherUnitAreRefusedInOneLine() {
        assertThat(DataSubset.parse("2.5%").groups()).isEqualTo(40);
        assertThat(DataSubset.parse("30%").groups()).isEqualTo(4);
        assertThat(DataSubset.parse("100%").groups()).isEqualTo(1);
        assertThat(DataSubset.parse("500MiB").bytes()).isEqualTo(500L << 20);
        assertThat(DataSubset.parse("1.5GiB").bytes()).isEqualTo(3L << 29);
        for (String bad : List.of("0%", "150%", "5 parsecs", "-5%", "500MB", "", "%")) {
            assertThatThrownBy(() -> DataSubset.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("'" + bad + "' ").hasMessageNotContaining("\n");
        }
    }

    /** Two backups of 1 MB of random data each, nothing shared, in packs of 64 KiB. */
    private void backUpTwoDays() throws IOException {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        for (String day : List.of("day1", "day2")) {
            BackupOptions options = BackupOptions.of(Compression.NONE).withPackSize(PACK_SIZE).withSpool(spool)
                    .withLockWait(Duration.ofSeconds(30));
            try (Backup backup = repository.newBackup(options)) {
                backup.add(TreeEntry.file("dump", 0600, T0, backup.write(new ByteArrayInputStream(ChunkerTest.random(1_000_000, day.hashCode())))));
                backup.commit(new SnapshotInfo("postgres", day, T0, T0.plusSeconds(day.hashCode() % 100 + 100), Snapshot.Kind.STREAM, Map.of()));
            }
        }
        wholeReads.clear();
    }

    private Repository open() throws IOException {
        return Repository.open(store, new TestKeyWrap(1));
    }

    private List<String> packs() throws IOException {
        return memory.list(BlobName.DATA).stream().map(BlobStore.Blob::name).sorted().toList();
    }

    /** A pack holding file data of {@code backupId} only (not its tree, which the structure check reads by range). */
    private String packOnlyUsedBy(String backupId) throws IOException {
        Repository repository = open();
        Map<String, List<String>> users = new TreeMap<>();
        List<String> treePacks = new ArrayList<>();
        for (Snapshot s : repository.snapshots()) {
            s.tree().chunks().forEach(id -> treePacks.add(repository.index().get(id).pack()));
            try (TreeReader tree = repository.tree(s)) {
                for (TreeEntry e = tree.next(); e != null; e = tree.next()) {
                    e.chunks().forEach(id -> users.computeIfAbsent(repository.index().get(id).pack(), p -> new ArrayList<>()).add(s.info().backupId()));
                }
            }
        }
        wholeReads.clear();
        return users.entrySet().stream().filter(e -> e.getValue().stream().allMatch(backupId::equals) && !treePacks.contains(e.getKey()))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }
}
