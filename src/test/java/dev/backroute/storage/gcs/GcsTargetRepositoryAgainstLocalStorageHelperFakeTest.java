package dev.backroute.storage.gcs;

import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import dev.backroute.repository.BlobName;
import dev.backroute.repository.BlobStore;
import dev.backroute.repository.BlobStoreContract;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A type's repository in a GCS bucket, against google-cloud-nio's LocalStorageHelper, Google's in-memory fake of
 * the Storage interface (no GCS emulator runs offline here): objects {@code <prefix>/<type>/repository/<name>}.
 * What the fake cannot show (real resumable uploads, ranged reads over HTTP, listing pages) is not tested here.
 */
class GcsTargetRepositoryAgainstLocalStorageHelperFakeTest extends BlobStoreContract {
    private static final String BUCKET = "backups";

    private final Storage storage = LocalStorageHelper.getOptions().getService();
    private final GcsTarget target = new GcsTarget(new GcsStorage("gcs", BUCKET, "test-project", "movies/prod", null), storage);

    @Override
    protected BlobStore repositoryOf(String type) {
        return target.repository(type);
    }

    @Override
    protected void plant(String type, String path, byte[] bytes) {
        storage.create(BlobInfo.newBuilder(BUCKET, "movies/prod/" + type + "/" + path).build(), bytes);
    }

    @Test
    public void objectsLiveUnderTheTypesRepositoryFolderThatTheArchiveListingPassesOver() throws Exception {
        target.putManifest("logs", "logs_20260101_000000.manifest.json", "{}".getBytes(StandardCharsets.UTF_8));
        String index = BlobName.index("a".repeat(64));
        target.repository("logs").put(index, new byte[4]);

        assertThat(storage.get(BUCKET, "movies/prod/logs/repository/" + index).getSize()).isEqualTo(4);
        assertThat(target.list("logs")).containsExactly("logs_20260101_000000.manifest.json");
        assertThat(target.repository("logs").list("")).containsExactly(new BlobStore.Blob(index, 4));
    }
}
