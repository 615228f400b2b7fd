package dev.backroute.storage.azure;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import dev.backroute.repository.BlobName;
import dev.backroute.repository.BlobStore;
import dev.backroute.repository.BlobStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A type's repository in an Azure container, against Azurite (installed into target/azurite on first use):
 * block blobs {@code <prefix>/<type>/repository/<name>}. Each test works under a prefix of its own.
 */
class AzureTargetRepositoryAgainstAzuriteTest extends BlobStoreContract {
    private static final String CONTAINER = "backups";

    @TempDir
    static Path shared;
    private static AzuriteServer azurite;

    private final String prefix = "run-" + UUID.randomUUID();
    private AzureTarget target;

    @BeforeAll
    static void startAzurite() throws Exception {
        // Not an assumption: a machine without npm would silently skip every Azure test.
        assertThat(AzuriteServer.npmAvailable()).as("npm, to install Azurite").isTrue();
        azurite = AzuriteServer.start(Files.createDirectories(shared.resolve("azurite")));
        container().create();
    }

    @AfterAll
    static void stopAzurite() throws Exception {
        if (azurite != null) {
            azurite.close();
        }
    }

    private static BlobContainerClient container() {
        return new BlobServiceClientBuilder().connectionString(azurite.connectionString()).buildClient()
                .getBlobContainerClient(CONTAINER);
    }

    private AzureTarget target() {
        if (target == null) {
            target = new AzureTarget(AzureTargetAgainstAzuriteTest.config(CONTAINER, prefix), null, azurite.connectionString());
        }
        return target;
    }

    @Override
    protected BlobStore repositoryOf(String type) {
        return target().repository(type);
    }

    @Override
    protected void plant(String type, String path, byte[] bytes) {
        container().getBlobClient(prefix + "/" + type + "/" + path).upload(BinaryData.fromBytes(bytes), true);
    }

    /** Two 8 MiB blocks, the last short. */
    @Override
    protected long largeFileBytes() {
        return 9L * 1024 * 1024 + 5;
    }

    /** Above the 8 MiB block, so a pack too is staged in blocks. */
    @Override
    protected int packBytes() {
        return 9 * 1024 * 1024;
    }

    @Test
    public void objectsAreBlobsUnderTheTypesRepositoryFolderThatTheArchiveListingPassesOver() throws Exception {
        AzureTarget target = target();
        target.putManifest("logs", "logs_20260101_000000.manifest.json", "{}".getBytes(StandardCharsets.UTF_8));
        String index = BlobName.index("a".repeat(64));
        target.repository("logs").put(index, new byte[4]);

        assertThat(container().getBlobClient(prefix + "/logs/repository/" + index).getProperties().getBlobSize()).isEqualTo(4);
        assertThat(target.list("logs")).containsExactly("logs_20260101_000000.manifest.json");
        assertThat(target.removeLeftovers("logs")).isEmpty();
        assertThat(target.repository("logs").list("")).containsExactly(new BlobStore.Blob(index, 4));
    }
}
