package dev.backroute.storage.local;

import dev.backroute.repository.BlobName;
import dev.backroute.repository.BlobStore;
import dev.backroute.repository.BlobStoreContract;
import dev.backroute.storage.StorageTarget;
import dev.backroute.storage.StorageTargets;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Duration;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A type's repository on a local target: the folder {@code <path>/<type>/repository}, beside the archive files. */
class LocalTargetRepositoryTest extends BlobStoreContract {
    private static final String PACK = BlobName.pack("ab" + "c".repeat(62));
    private static final String INDEX = BlobName.index("a".repeat(64));

    private StorageTarget target() {
        return StorageTargets.create(new LocalStorage("local", dir.resolve("backups")));
    }

    @Override
    protected BlobStore repositoryOf(String type) {
        return target().repository(type);
    }

    @Override
    protected void plant(String type, String path, byte[] bytes) throws Exception {
        Path file = dir.resolve("backups").resolve(type).resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    @Test
    public void theRepositoryLivesInTheTypeFolderOwnerOnly() throws Exception {
        repositoryOf("logs").put(PACK, new byte[3]);

        Path stored = dir.resolve("backups/logs/repository").resolve(PACK);
        assertThat(stored).hasSize(3);
        assertThat(Files.getPosixFilePermissions(stored)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(dir.resolve("backups/logs/repository"))).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    public void theArchiveListingAndTheLeftoverCleanupLeaveTheRepositoryAlone() throws Exception {
        StorageTarget target = target();
        target.putArtifact("logs", "logs_20260101_000000.tar.gz", Files.write(dir.resolve("staged"), new byte[] {1, 2}));
        target.putManifest("logs", "logs_20260101_000000.manifest.json", "{}".getBytes(StandardCharsets.UTF_8));
        BlobStore repository = target.repository("logs");
        repository.put(PACK, new byte[3]);
        repository.put(INDEX, new byte[4]);
        plant("logs", ".logs_20260102_000000.tar.gz.partial-1234", new byte[5]); // an interrupted archive upload

        assertThat(target.list("logs")).containsExactlyInAnyOrder("logs_20260101_000000.tar.gz", "logs_20260101_000000.manifest.json");
        assertThat(target.removeLeftovers("logs")).containsExactly(".logs_20260102_000000.tar.gz.partial-1234");
        assertThat(repository.list("")).containsExactlyInAnyOrder(new BlobStore.Blob(PACK, 3), new BlobStore.Blob(INDEX, 4));
        assertThat(target.list("logs")).hasSize(2);
    }

    @Test
    public void theLeftoverCleanupRemovesHalfWrittenRepositoryObjectsAndNothingElse() throws Exception {
        StorageTarget target = target();
        BlobStore repository = target.repository("logs");
        repository.put(PACK, new byte[3]);
        repository.put(INDEX, new byte[4]);
        // What a writer killed between creating and renaming its temporary file leaves.
        plant("logs", "repository/data/ab/.tmp-1111", new byte[6]);
        plant("logs", "repository/index/.tmp-2222", new byte[7]);
        plant("logs", "repository/data/cd/.tmp-3333", new byte[8]); // another writer's, being written now
        FileTime twoHoursAgo = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        Files.setLastModifiedTime(dir.resolve("backups/logs/repository/data/ab/.tmp-1111"), twoHoursAgo);
        Files.setLastModifiedTime(dir.resolve("backups/logs/repository/index/.tmp-2222"), twoHoursAgo);

        assertThat(target.removeLeftovers("logs")).containsExactlyInAnyOrder("repository/data/ab/.tmp-1111", "repository/index/.tmp-2222");
        assertThat(dir.resolve("backups/logs/repository/data/ab/.tmp-1111")).doesNotExist();
        assertThat(dir.resolve("backups/logs/repository/data/cd/.tmp-3333")).exists();
        assertThat(repository.list("")).containsExactlyInAnyOrder(new BlobStore.Blob(PACK, 3), new BlobStore.Blob(INDEX, 4));
    }

    @Test
    public void aFolderPlantedAsALinkIsNeitherWrittenThroughNorListed() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.write(elsewhere.resolve("c".repeat(64)), new byte[8]);
        Path data = Files.createDirectories(dir.resolve("backups/logs/repository/data"));
        Files.createSymbolicLink(data.resolve("ab"), elsewhere);
        BlobStore repository = target().repository("logs");

        assertThatThrownBy(() -> repository.put(PACK, new byte[3])).isInstanceOf(java.io.IOException.class)
                .hasMessageEndingWith("data/ab is a symbolic link, not a folder of the repository: remove it (it was not made by Backroute)");
        try (var left = Files.list(elsewhere)) {
            assertThat(left).containsExactly(elsewhere.resolve("c".repeat(64)));
        }
        Files.createDirectories(data.resolve("cd"));
        Files.createSymbolicLink(data.resolve("cd").resolve("cd" + "e".repeat(62)), elsewhere.resolve("c".repeat(64)));
        assertThat(repository.list(BlobName.DATA)).isEmpty();
    }

    @Test
    @org.junit.jupiter.api.Timeout(30) // a regression would block on the pipe's open, not fail
    public void aPipeOrALinkPlantedInAnObjectsPlaceIsRefusedInsteadOfRead() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("backups/logs/repository").resolve(PACK).getParent());
        Process mkfifo = new ProcessBuilder("mkfifo", folder.resolve(Path.of(PACK).getFileName()).toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        BlobStore repository = target().repository("logs");

        // A pipe would block the open until someone writes to it: the restore would hang instead of failing.
        assertThatThrownBy(() -> repository.get(PACK, 0, 3)).isInstanceOf(dev.backroute.repository.RepositoryCorruptException.class)
                .hasMessageEndingWith("is not a regular file of the repository (a link, a pipe or a device was put there): remove it");
        assertThatThrownBy(() -> repository.get(PACK)).isInstanceOf(dev.backroute.repository.RepositoryCorruptException.class);

        Files.delete(folder.resolve(Path.of(PACK).getFileName()));
        Path elsewhere = Files.write(Files.createDirectories(dir.resolve("elsewhere")).resolve("object"), new byte[3]);
        Files.createSymbolicLink(folder.resolve(Path.of(PACK).getFileName()), elsewhere);
        assertThatThrownBy(() -> repository.get(PACK, 0, 3)).isInstanceOf(dev.backroute.repository.RepositoryCorruptException.class);
    }
}
