package dev.backroute.repository;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Names, and what only the local folder store does; what every store does is in {@link BlobStoreContract}. */
class BlobStoreTest {
    private static final String A = "a".repeat(64);
    private static final String B = "ab" + "c".repeat(62);

    @TempDir
    Path dir;

    @Test
    void aSpooledFileIsStoredAndGoneFromTheSpool() throws IOException {
        for (BlobStore store : List.of(new MemoryBlobStore(), new LocalBlobStore(dir.resolve("repo")))) {
            Path spooled = Files.write(dir.resolve("spooled"), "pack bytes".getBytes(StandardCharsets.US_ASCII));
            store.putAndDelete(BlobName.pack(B), spooled);
            assertThat(read(store.get(BlobName.pack(B)))).isEqualTo("pack bytes");
            assertThat(spooled).doesNotExist();
        }
        assertThat(Files.getPosixFilePermissions(dir.resolve("repo/data/ab/" + B))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void namesOfAnyOtherShapeAreRefused() {
        assertThat(BlobName.isValid("data/ab/ab" + "0".repeat(62))).isTrue();
        assertThat(BlobName.isValid("keys/" + A)).isTrue();
        assertThat(BlobName.isValid("data/aa/ab" + "0".repeat(62))).as("filed under the wrong fan-out folder").isFalse();
        assertThat(BlobName.isValid("index/" + A.toUpperCase())).isFalse();
        assertThat(BlobName.isValid("index/../" + A.substring(3))).isFalse();
        assertThat(BlobName.isValid("snapshots/" + A + "x")).isFalse();
        assertThat(BlobName.isValid("config")).isFalse();
        assertThatThrownBy(() -> new MemoryBlobStore().put("data/../../etc/passwd", new byte[1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a repository object name: data/../../etc/passwd");
    }

    @Test
    void localListingSkipsStrayFilesAndTemporaries() throws IOException {
        Path root = dir.resolve("repo");
        LocalBlobStore store = new LocalBlobStore(root);
        store.put(BlobName.pack(B), new byte[] {1});
        Files.write(root.resolve("data/ab/notes.txt"), new byte[1]);
        Files.write(root.resolve("data/ab/.tmp-1234"), new byte[1]);
        Files.createDirectories(root.resolve("data/cd"));
        Files.write(root.resolve("data/cd/" + B), new byte[1]);
        Files.createDirectories(root.resolve("index"));
        Files.write(root.resolve("index/" + A.toUpperCase()), new byte[1]);

        assertThat(store.list(BlobName.DATA)).extracting(BlobStore.Blob::name).containsExactly("data/ab/" + B);
        assertThat(store.list(BlobName.INDEX)).isEmpty();
    }

    @Test
    void localWritesAreOwnerOnlyAndLeaveNoTemporaryFile() throws IOException {
        Path root = dir.resolve("repo");
        new LocalBlobStore(root).put(BlobName.snapshot(A), new byte[] {7});
        assertThat(Files.getPosixFilePermissions(root.resolve("snapshots/" + A)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(root.resolve("snapshots"))).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (var files = Files.list(root.resolve("snapshots"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).isEqualTo(List.of(A));
        }
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
