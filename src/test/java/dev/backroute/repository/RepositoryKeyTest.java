package dev.backroute.repository;

import dev.backroute.crypto.KeyMismatchException;
import dev.backroute.crypto.Keyset;
import dev.backroute.pipeline.Compression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RepositoryKeyTest {
    private static final ChunkerParams PARAMS = new ChunkerParams(4096, 16384, 65536);

    @TempDir
    Path dir;

    @Test
    void theKeyFileIsWrappedWithTheKeysetAndOpensWithIt() throws IOException {
        Keyset keyset = keyset("keyset.json");
        MemoryBlobStore store = new MemoryBlobStore();
        Repository created = Repository.init(store, new KeysetKeyWrap(keyset), PARAMS);
        Repository opened = Repository.open(store, new KeysetKeyWrap(keyset));
        assertThat(opened.id()).isEqualTo(created.id());
        assertThat(opened.encrypted()).isTrue();
        assertThat(opened.chunkerParams()).isEqualTo(PARAMS);
        assertThat(store.list(BlobName.KEYS)).hasSize(1);
    }

    @Test
    void anotherKeysetCannotOpenTheRepository() throws IOException {
        MemoryBlobStore store = new MemoryBlobStore();
        Repository.init(store, new KeysetKeyWrap(keyset("mine.json")), PARAMS);
        assertThatThrownBy(() -> Repository.open(store, new KeysetKeyWrap(keyset("other.json"))))
                .isInstanceOf(KeyMismatchException.class)
                .hasMessageContaining("the encryption key does not match");
    }

    @Test
    void encryptionIsDecidedByTheCallerNotByTheStoredKeyFile() throws IOException {
        MemoryBlobStore encrypted = new MemoryBlobStore();
        Repository.init(encrypted, new TestKeyWrap(1), PARAMS);
        assertThatThrownBy(() -> Repository.open(encrypted, null))
                .isInstanceOf(RepositoryException.class)
                .hasMessageStartingWith("the repository is encrypted (key file keys/")
                .hasMessageEndingWith("): configure the keyset it was made with");

        MemoryBlobStore clear = new MemoryBlobStore();
        Repository.init(clear, null, PARAMS);
        assertThatThrownBy(() -> Repository.open(clear, new TestKeyWrap(1)))
                .isInstanceOf(RepositoryException.class)
                .hasMessageContaining("the repository is not encrypted");
    }

    @Test
    void initRefusesAnExistingRepositoryAndOpenAMissingOne() throws IOException {
        MemoryBlobStore store = new MemoryBlobStore();
        assertThatThrownBy(() -> Repository.open(store, null))
                .isInstanceOf(RepositoryException.class)
                .hasMessage("there is no repository there (no key file): create one first");
        Repository.init(store, null, PARAMS);
        assertThatThrownBy(() -> Repository.init(store, null, PARAMS))
                .isInstanceOf(RepositoryException.class)
                .hasMessage("a repository already exists there: open it instead of creating one");
    }

    @Test
    void dataWithoutAKeyFileIsNeitherOpenedNorTakenOverByANewKey() throws IOException {
        MemoryBlobStore store = new MemoryBlobStore();
        Repository.init(store, null, PARAMS);
        store.put(BlobName.snapshot("ab".repeat(32)), new byte[] {1});
        store.delete(store.list(BlobName.KEYS).get(0).name());
        String message = "the repository holds data (snapshots) but no key file: put back its keys/ object from a copy of the"
                + " repository; a new key could read none of what is stored";
        assertThatThrownBy(() -> Repository.open(store, null)).isInstanceOf(RepositoryException.class).hasMessage(message);
        assertThatThrownBy(() -> Repository.init(store, null, PARAMS)).isInstanceOf(RepositoryException.class).hasMessage(message);
        assertThat(store.list(BlobName.KEYS)).isEmpty();
    }

    @Test
    void aChangedKeyFileIsRefused() throws IOException {
        MemoryBlobStore store = new MemoryBlobStore();
        Repository.init(store, new TestKeyWrap(1), PARAMS);
        String name = store.list(BlobName.KEYS).get(0).name();
        byte[] bytes = store.get(name).readAllBytes();
        bytes[bytes.length - 1] ^= 1;
        store.put(name, bytes);
        assertThatThrownBy(() -> Repository.open(store, new TestKeyWrap(1)))
                .isInstanceOf(RepositoryCorruptException.class)
                .hasMessage("key file " + name + " is damaged or was replaced: its content does not match its name");
    }

    @Test
    void rotatingTheKeysetRewrapsOnlyTheKeyFile() throws IOException {
        Path keysetFile = dir.resolve("rotating.json");
        Keyset.generate(keysetFile);
        MemoryBlobStore store = new MemoryBlobStore();
        Repository repository = Repository.init(store, new KeysetKeyWrap(Keyset.readFile(keysetFile)), PARAMS);
        byte[] data = ChunkerTest.random(200_000, 7);
        Snapshot snapshot = backUp(repository, data);
        List<BlobStore.Blob> before = store.list("");
        String oldKeyFile = store.list(BlobName.KEYS).get(0).name();

        Keyset old = Keyset.readFile(keysetFile);
        Keyset.rotate(keysetFile);
        Keyset rotated = Keyset.readFile(keysetFile);
        Repository.open(store, new KeysetKeyWrap(old)).rewrapKey(new KeysetKeyWrap(rotated));

        List<BlobStore.Blob> after = store.list("");
        assertThat(after).filteredOn(b -> !b.name().startsWith(BlobName.KEYS))
                .isEqualTo(before.stream().filter(b -> !b.name().startsWith(BlobName.KEYS)).toList());
        assertThat(store.list(BlobName.KEYS)).extracting(BlobStore.Blob::name).hasSize(1).doesNotContain(oldKeyFile);
        Repository reopened = Repository.open(store, new KeysetKeyWrap(rotated));
        try (InputStream in = reopened.read(reopened.snapshot(snapshot.name()))) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        // Wrapped under the new primary: the keyset from before the rotation no longer opens it.
        assertThatThrownBy(() -> Repository.open(store, new KeysetKeyWrap(old))).isInstanceOf(IOException.class);
    }

    @Test
    void anUnencryptedRepositoryStoresItsKeyInClearAndCannotBeRewrapped() throws IOException {
        MemoryBlobStore store = new MemoryBlobStore();
        Repository repository = Repository.init(store, null, PARAMS);
        assertThat(repository.encrypted()).isFalse();
        assertThatThrownBy(() -> repository.rewrapKey(new TestKeyWrap(1)))
                .isInstanceOf(RepositoryException.class)
                .hasMessage("only an encrypted repository's key can be wrapped again, with a keyset");
    }

    private Keyset keyset(String file) {
        Path path = dir.resolve(file);
        if (!Files.exists(path)) {
            Keyset.generate(path);
        }
        return Keyset.readFile(path);
    }

    static Snapshot backUp(Repository repository, byte[] data) throws IOException {
        try (Backup backup = repository.newBackup(BackupOptions.of(Compression.ZSTD).withPackSize(64 * 1024)
                .withSpool(Path.of(System.getProperty("java.io.tmpdir"))))) {
            StoredStream stream = backup.write(new ByteArrayInputStream(data));
            backup.add(TreeEntry.file("dump", 0600, Instant.EPOCH, stream));
            return backup.commit(new SnapshotInfo("postgres", "postgres_20261205_120000", Instant.EPOCH, Instant.EPOCH,
                    Snapshot.Kind.STREAM, Map.of("database", "movies")));
        }
    }
}
