package dev.backroute.repository;

import dev.backroute.pipeline.Compression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a stream's chunks are fetched: one ranged read per run of chunks that lie back to back in a pack. */
class RunReadsTest {
    private static final ChunkerParams PARAMS = new ChunkerParams(4096, 16384, 65536);
    private static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");

    @TempDir
    Path spool;

    private final CountingStore store = new CountingStore();

    @Test
    void aStreamWrittenInOrderCostsOneRangedReadPerPack() throws IOException {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        byte[] data = ChunkerTest.random(1_000_000, 11);
        TreeEntry file = fileOf(repository, backUp(repository, data, 128 * 1024));
        Set<String> packs = file.chunks().stream().map(id -> repository.index().get(id).pack()).collect(Collectors.toSet());
        assertThat(file.chunks()).hasSizeGreaterThan(30);
        assertThat(packs).hasSizeGreaterThan(3);

        store.ranged.clear();
        try (InputStream in = repository.read(file)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        assertThat(store.ranged).hasSize(packs.size());
        assertThat(store.ranged.stream().map(Range::pack).collect(Collectors.toSet())).isEqualTo(packs);
        assertThat(store.ranged.stream().mapToLong(Range::length).sum())
                .as("each chunk's bytes once, nothing else").isEqualTo(storedLength(repository, file.chunks()));
    }

    @Test
    void aChangeInTheMiddleSplitsTheRunAroundTheNewChunks() throws IOException {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        byte[] data = ChunkerTest.random(1_000_000, 12);
        backUp(repository, data, 4 << 20);
        byte[] changed = data.clone();
        changed[500_000] ^= 1;
        TreeEntry file = fileOf(repository, backUp(repository, changed, 4 << 20));

        store.ranged.clear();
        try (InputStream in = repository.read(file)) {
            assertThat(in.readAllBytes()).isEqualTo(changed);
        }
        List<String> packs = store.ranged.stream().map(Range::pack).toList();
        assertThat(packs).as("old pack up to the change, the new chunk's pack, old pack after it").hasSize(3);
        assertThat(packs.get(0)).isEqualTo(packs.get(2)).isNotEqualTo(packs.get(1));
    }

    @Test
    void aDamagedChunkInsideARunFailsNamingItAfterExactlyTheChunksBeforeIt() throws IOException {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        byte[] data = ChunkerTest.random(1_000_000, 13);
        TreeEntry file = fileOf(repository, backUp(repository, data, 4 << 20));
        ChunkId damaged = file.chunks().get(10);
        ChunkIndex.Location at = repository.index().get(damaged);
        byte[] pack = store.get(at.pack()).readAllBytes();
        pack[at.offset() + 40] ^= 1;
        store.put(at.pack(), pack);
        Map<ChunkId, Integer> rawLengths = new HashMap<>();
        new PackReader(store, repository.key()).header(at.pack()).forEach(e -> rawLengths.put(e.id(), e.rawLength()));
        int before = file.chunks().subList(0, 10).stream().mapToInt(rawLengths::get).sum();

        store.ranged.clear();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        assertThatThrownBy(() -> {
            try (InputStream in = repository.read(file)) {
                byte[] buffer = new byte[4096];
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    got.write(buffer, 0, n);
                }
            }
        }).isInstanceOf(RepositoryCorruptException.class)
                .hasMessage("chunk " + damaged + " in " + at.pack() + " is damaged or was replaced: it fails authentication");
        Range first = store.ranged.get(0);
        assertThat(first.pack()).isEqualTo(at.pack());
        assertThat(first.offset()).as("the damaged chunk was inside a longer read").isLessThan(at.offset());
        assertThat(first.offset() + first.length()).isGreaterThan(at.offset() + at.length());
        assertThat(got.toByteArray()).isEqualTo(Arrays.copyOf(data, before));

        // A reader that catches the failure and reads on gets it again, never the chunks after the damaged one.
        try (InputStream in = repository.read(file)) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(RepositoryCorruptException.class);
            assertThatThrownBy(in::read).isInstanceOf(RepositoryCorruptException.class)
                    .hasMessage("chunk " + damaged + " in " + at.pack() + " is damaged or was replaced: it fails authentication");
        }
    }

    @Test
    void aStreamOfManyChunksIsDecodedInTheSameFewBuffers() throws IOException {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        byte[] data = ChunkerTest.random(2_000_000, 14);
        TreeEntry file = fileOf(repository, backUp(repository, data, 128 * 1024));
        AtomicInteger buffers = new AtomicInteger();
        ChunkStream.Source counting = counting(repository.chunkSource(), buffers, new HashSet<>());
        try (InputStream in = new ChunkStream(file.content(), counting, "file dump")) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        assertThat(file.chunks()).hasSizeGreaterThan(60);
        assertThat(buffers.get()).as("the chunk being read is recycled before the next is asked for").isEqualTo(ChunkStream.AHEAD);
    }

    @Test
    void theFilesOfARestoreShareTheSameFewBuffersAndWorkerThreads() throws IOException {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        List<byte[]> contents = new ArrayList<>();
        List<TreeEntry> files = backUpSmallFiles(repository, 300, contents);
        AtomicInteger buffers = new AtomicInteger();
        Set<String> threads = java.util.Collections.synchronizedSet(new HashSet<>());
        try (ChunkReading reading = new ChunkReading(counting(repository.chunkSource(), buffers, threads))) {
            for (int i = 0; i < files.size(); i++) {
                try (InputStream in = new ChunkStream(files.get(i).content(), reading, "file f" + i)) {
                    assertThat(in.readAllBytes()).isEqualTo(contents.get(i));
                }
            }
        }
        assertThat(buffers.get()).as("buffers for 300 files").isLessThanOrEqualTo(ChunkStream.AHEAD + 1);
        assertThat(threads).as("worker threads for 300 files").hasSizeLessThanOrEqualTo(ChunkStream.AHEAD);
    }

    @Test
    void manySmallFilesReadAsOneStreamCostOneRangedReadPerPackNotOnePerFile() throws IOException {
        Repository repository = Repository.init(store, new TestKeyWrap(1), PARAMS);
        List<byte[]> contents = new ArrayList<>();
        List<TreeEntry> files = backUpSmallFiles(repository, 300, contents);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] data : contents) {
            all.write(data);
        }
        Set<String> packs = files.stream().flatMap(f -> f.chunks().stream()).map(id -> repository.index().get(id).pack())
                .collect(Collectors.toSet());

        store.ranged.clear();
        try (Repository.FileReader reader = repository.files(); InputStream in = reader.read(files)) {
            assertThat(in.readAllBytes()).isEqualTo(all.toByteArray());
        }
        assertThat(store.ranged).as("ranged reads for 300 files").hasSize(packs.size());
    }

    /** A files snapshot of {@code count} small files of random bytes (up to a few chunks each); their contents go to {@code contents}. */
    private List<TreeEntry> backUpSmallFiles(Repository repository, int count, List<byte[]> contents) throws IOException {
        List<TreeEntry> files = new ArrayList<>();
        try (Backup backup = repository.newBackup(BackupOptions.of(Compression.ZSTD).withSpool(spool))) {
            for (int i = 0; i < count; i++) {
                byte[] data = ChunkerTest.random(100 + i * 97, 100 + i);
                TreeEntry entry = TreeEntry.file("f" + i, 0644, T0, backup.write(new ByteArrayInputStream(data)));
                backup.add(entry);
                contents.add(data);
                files.add(entry);
            }
            backup.commit(new SnapshotInfo("data_files", "b", T0, T0, Snapshot.Kind.FILES, Map.of()));
        }
        return files;
    }

    /** {@code source}, counting the buffers it makes and naming the threads that decode. */
    private static ChunkStream.Source counting(ChunkStream.Source source, AtomicInteger buffers, Set<String> threads) {
        return new ChunkStream.Source() {
            @Override
            public BlobRuns blobs(List<ChunkId> chunks) {
                return source.blobs(chunks);
            }

            @Override
            public ChunkBuffer buffer() {
                buffers.incrementAndGet();
                return source.buffer();
            }

            @Override
            public void decode(ChunkId id, ChunkIndex.Location at, ChunkBuffer buffer) throws IOException {
                threads.add(Thread.currentThread().getName());
                source.decode(id, at, buffer);
            }
        };
    }

    private Snapshot backUp(Repository repository, byte[] data, int packSize) throws IOException {
        try (Backup backup = repository.newBackup(BackupOptions.of(Compression.ZSTD).withPackSize(packSize).withSpool(spool))) {
            backup.add(TreeEntry.file("dump", 0600, T0, backup.write(new ByteArrayInputStream(data))));
            return backup.commit(new SnapshotInfo("postgres", "b", T0, T0, Snapshot.Kind.STREAM, Map.of()));
        }
    }

    private static TreeEntry fileOf(Repository repository, Snapshot snapshot) throws IOException {
        try (TreeReader tree = repository.tree(snapshot)) {
            return tree.next();
        }
    }

    private static long storedLength(Repository repository, List<ChunkId> chunks) {
        return chunks.stream().mapToLong(id -> repository.index().get(id).length()).sum();
    }

    record Range(String pack, long offset, long length) {}

    /** A memory store that records every ranged read. */
    private static final class CountingStore extends ForwardingBlobStore {
        final List<Range> ranged = new ArrayList<>();

        CountingStore() {
            super(new MemoryBlobStore());
        }

        @Override
        public InputStream get(String name, long offset, long length) throws IOException {
            synchronized (ranged) {
                ranged.add(new Range(name, offset, length));
            }
            return super.get(name, offset, length);
        }
    }
}
