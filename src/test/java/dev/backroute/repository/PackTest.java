package dev.backroute.repository;

import dev.backroute.pipeline.Compression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PackTest {
    private static final ChunkerParams PARAMS = new ChunkerParams(4096, 16384, 65536);
    private static final RepositoryKey ENCRYPTED = RepositoryKey.generate(PARAMS, true);

    @TempDir
    Path spool;

    /** Nothing here gives arrays back, so no blob is overwritten while a test still reads it. */
    private final BufferPool buffers = new BufferPool(1);

    @ParameterizedTest
    @EnumSource(Compression.class)
    void everyCompressionRoundTripsAndRecordsWhichItUsed(Compression compression) throws IOException {
        ChunkCodec codec = new ChunkCodec(ENCRYPTED, compression, compression.defaultLevel());
        byte[] text = "the same line again and again\n".repeat(1000).getBytes();
        ChunkId id = codec.id(text, 0, text.length);
        ChunkCodec.Encoded encoded = codec.encode(id, text, 0, text.length, buffers);
        assertThat(encoded.compression()).isEqualTo((byte) (compression == Compression.NONE ? 0 : compression.ordinal() + 1));
        assertThat(encoded.length()).isLessThan(compression == Compression.NONE ? text.length + 100 : text.length / 4);
        assertThat(ChunkCodec.reader(ENCRYPTED).decode(id, encoded.blob(), 0, encoded.length(), "test")).isEqualTo(text);
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"ZSTD", "GZIP", "LZMA"})
    void aChunkThatInflatesBeyondTheLargestChunkIsRefusedAndOneOfExactlyThatSizeIsNot(Compression compression) throws IOException {
        RepositoryKey roomy = RepositoryKey.generate(new ChunkerParams(4096, 16384, 4 * PARAMS.max()), true);
        byte[] material = roomy.encode();
        ByteBuffer.wrap(material).putInt(material.length - 4, PARAMS.max());
        ChunkCodec reader = ChunkCodec.reader(RepositoryKey.decode(material, true));
        ChunkCodec writer = new ChunkCodec(roomy, compression, compression.defaultLevel());
        for (int size : new int[] {PARAMS.max(), PARAMS.max() + 1}) {
            byte[] zeros = new byte[size];
            ChunkId id = writer.id(zeros, 0, size);
            ChunkCodec.Encoded encoded = writer.encode(id, zeros, 0, size, buffers);
            byte[] blob = Arrays.copyOf(encoded.blob(), encoded.length());
            assertThat(blob.length).as("compressed to almost nothing").isLessThan(size / 16);
            if (size == PARAMS.max()) {
                assertThat(reader.decode(id, blob, 0, blob.length, "p")).isEqualTo(zeros);
            } else {
                assertThatThrownBy(() -> reader.decode(id, blob, 0, blob.length, "p")).isInstanceOf(RepositoryCorruptException.class)
                        .hasMessage("chunk " + id + " in p is larger than any chunk can be");
            }
        }
    }

    @Test
    void dataThatDoesNotShrinkIsStoredUncompressed() throws IOException {
        ChunkCodec codec = new ChunkCodec(ENCRYPTED, Compression.ZSTD, 3);
        byte[] noise = ChunkerTest.random(50_000, 9);
        ChunkCodec.Encoded encoded = codec.encode(codec.id(noise, 0, noise.length), noise, 0, noise.length, buffers);
        assertThat(encoded.compression()).isZero();
    }

    @Test
    void aBlobOpensOnlyAsTheChunkItWasWrittenFor() throws IOException {
        ChunkCodec codec = new ChunkCodec(ENCRYPTED, Compression.ZSTD, 3);
        byte[] a = "chunk a".getBytes();
        byte[] b = "chunk b".getBytes();
        ChunkCodec.Encoded blobA = codec.encode(codec.id(a, 0, a.length), a, 0, a.length, buffers);
        ChunkId idB = codec.id(b, 0, b.length);
        assertThatThrownBy(() -> codec.decode(idB, blobA.blob(), 0, blobA.length(), "data/xx/pack"))
                .isInstanceOf(RepositoryCorruptException.class)
                .hasMessage("chunk " + idB + " in data/xx/pack is damaged or was replaced: it fails authentication");
    }

    @Test
    void unencryptedChunksAreChecksummedAndStillBoundToTheirId() throws IOException {
        RepositoryKey clear = RepositoryKey.generate(PARAMS, false);
        ChunkCodec codec = new ChunkCodec(clear, Compression.NONE, 0);
        byte[] data = "plain words".getBytes();
        ChunkId id = codec.id(data, 0, data.length);
        ChunkCodec.Encoded encoded = codec.encode(id, data, 0, data.length, buffers);
        byte[] blob = encoded.blob();
        assertThat(new String(blob, 1, data.length)).as("stored readable").isEqualTo("plain words");
        blob[3] ^= 1;
        assertThatThrownBy(() -> codec.decode(id, blob, 0, encoded.length(), "p")).isInstanceOf(RepositoryCorruptException.class);
    }

    @Test
    void packIsNamedByItsHashAndItsHeaderListsEveryChunk() throws IOException {
        MemoryBlobStore store = new MemoryBlobStore();
        List<byte[]> chunks = new ArrayList<>();
        String name = writePack(store, chunks);
        byte[] bytes = store.get(name).readAllBytes();
        assertThat(BlobName.idOf(name)).isEqualTo(ContentAddress.of(bytes));

        PackReader reader = new PackReader(store, ENCRYPTED);
        List<PackEntry> header = reader.header(name);
        assertThat(header).hasSize(chunks.size());
        ChunkCodec codec = ChunkCodec.reader(ENCRYPTED);
        for (int i = 0; i < chunks.size(); i++) {
            PackEntry e = header.get(i);
            assertThat(e.rawLength()).isEqualTo(chunks.get(i).length);
            assertThat(codec.decode(e.id(), blob(store, name, e), 0, e.length(), name)).isEqualTo(chunks.get(i));
        }
        assertThat(reader.verify(name, codec)).isEqualTo(header);
    }

    @Test
    void aFlippedByteInAPackFailsTheChunkAndTheWholePackCheck() throws IOException {
        MemoryBlobStore store = new MemoryBlobStore();
        String name = writePack(store, new ArrayList<>());
        PackEntry second = new PackReader(store, ENCRYPTED).header(name).get(1);
        byte[] bytes = store.get(name).readAllBytes();
        bytes[second.offset() + 40] ^= 0x10;
        store.put(name, bytes);

        PackReader reader = new PackReader(store, ENCRYPTED);
        assertThatThrownBy(() -> ChunkCodec.reader(ENCRYPTED).decode(second.id(), blob(store, name, second), 0, second.length(), name))
                .hasMessage("chunk " + second.id() + " in " + name + " is damaged or was replaced: it fails authentication");
        assertThatThrownBy(() -> reader.verify(name, ChunkCodec.reader(ENCRYPTED)))
                .isInstanceOf(RepositoryCorruptException.class);
    }

    @Test
    void aTruncatedPackIsRefused() throws IOException {
        MemoryBlobStore store = new MemoryBlobStore();
        String name = writePack(store, new ArrayList<>());
        byte[] bytes = store.get(name).readAllBytes();
        store.put(name, Arrays.copyOf(bytes, bytes.length - 100));
        assertThatThrownBy(() -> new PackReader(store, ENCRYPTED).header(name))
                .isInstanceOf(RepositoryCorruptException.class)
                .hasMessageStartingWith("pack " + name + " is damaged: ");
    }

    @Test
    void theSpoolFileIsDroppedWhenAPackIsAbandoned() throws IOException {
        try (PackWriter writer = new PackWriter(ENCRYPTED.sealer(), spool, 1 << 20)) {
            ChunkCodec codec = new ChunkCodec(ENCRYPTED, Compression.NONE, 0);
            byte[] data = {1, 2, 3};
            ChunkId id = codec.id(data, 0, 3);
            writer.add(id, codec.encode(id, data, 0, 3, buffers), 3);
            try (var files = Files.list(spool)) {
                assertThat(files.toList()).as("the pack being written is spooled").hasSize(1);
            }
        }
        try (var files = Files.list(spool)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    private String writePack(BlobStore store, List<byte[]> chunks) throws IOException {
        ChunkCodec codec = new ChunkCodec(ENCRYPTED, Compression.ZSTD, 3);
        PackWriter writer = new PackWriter(ENCRYPTED.sealer(), spool, 1 << 20);
        for (int i = 0; i < 5; i++) {
            byte[] data = i % 2 == 0 ? ChunkerTest.random(10_000 + i, i) : ("text " + i).repeat(2000).getBytes();
            ChunkId id = codec.id(data, 0, data.length);
            writer.add(id, codec.encode(id, data, 0, data.length, buffers), data.length);
            chunks.add(data);
        }
        PackWriter.Finished finished = writer.finish();
        String name = BlobName.pack(finished.id());
        store.put(name, finished.file());
        Files.delete(finished.file());
        return name;
    }

    /** The blob of one entry, read by range as a restore reads it. */
    private static byte[] blob(BlobStore store, String pack, PackEntry e) throws IOException {
        try (InputStream in = store.get(pack, e.offset(), e.length())) {
            return in.readAllBytes();
        }
    }
}
