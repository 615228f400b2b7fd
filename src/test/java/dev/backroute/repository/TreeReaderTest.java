package dev.backroute.repository;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A tree's bytes are checked as they are read: an unencrypted repository's tree is only checksummed. */
class TreeReaderTest {
    private static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");
    private static final int MIN_CHUNK = 4096;

    @Test
    void whatTheWriterWroteIsReadBackEntryByEntry() throws IOException {
        TreeEntry.Attributes a = new TreeEntry.Attributes(0640, T0, 1000, 0xFFFF_FFFEL, "ops", "ops", T0.plusNanos(7), 42);
        TreeEntry dir = TreeEntry.directory("data", a);
        TreeEntry link = TreeEntry.symlink("data/latest", a, "rows.csv");

        try (TreeReader reader = read(dir, link)) {
            assertThat(reader.next()).isEqualTo(dir);
            assertThat(reader.next()).isEqualTo(link);
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void anOwnerIdNoSystemHasIsRefusedAsMalformed() throws IOException {
        TreeEntry forged = TreeEntry.directory("data", new TreeEntry.Attributes(0755, T0, -1, 0, "x", "x", T0, 1));

        try (TreeReader reader = read(forged)) {
            assertThatThrownBy(reader::next).isInstanceOf(RepositoryCorruptException.class)
                    .hasMessage("the tree of snapshot s is malformed: it has an owner id outside 0..2^32-1");
        }
    }

    @Test
    void aFileListingMoreChunksThanItsSizeAllowsIsRefusedAsMalformed() throws IOException {
        ChunkId id = ChunkId.of(new byte[ChunkId.BYTES]);
        TreeEntry forged = TreeEntry.file("big", TreeEntry.Attributes.of(0644, T0), new StoredStream(List.of(id, id, id), 10), null);

        try (TreeReader reader = read(forged)) {
            assertThatThrownBy(reader::next).isInstanceOf(RepositoryCorruptException.class)
                    .hasMessage("the tree of snapshot s is malformed: it has a file with more chunks than its size allows");
        }
    }

    private static TreeReader read(TreeEntry... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TreeWriter writer = new TreeWriter(bytes);
        for (TreeEntry e : entries) {
            writer.add(e);
        }
        writer.finish();
        return new TreeReader(new ByteArrayInputStream(bytes.toByteArray()), "s", MIN_CHUNK);
    }
}
