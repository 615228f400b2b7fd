package dev.backroute.storage.gcs;

import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import dev.backroute.config.ConfigException;
import dev.backroute.pipeline.Throttle;
import dev.backroute.storage.CloudTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * GcsTarget against google-cloud-nio's LocalStorageHelper: Google's in-memory fake of the Storage interface,
 * handed to the target as its client. No GCS emulator runs offline here, so a missing bucket (the fake
 * accepts any bucket name), network failures, credentials and the 200 MiB small-heap run are not tested for GCS
 * (the fake holds every object in memory).
 */
class GcsTargetAgainstLocalStorageHelperFakeTest {
    @TempDir
    Path dir;

    private static GcsTarget target(Storage storage, String bucket, String prefix) {
        return new GcsTarget(new GcsStorage("gcs", bucket, "test-project", prefix, null), storage);
    }

    @Test
    void artifactAndManifestRoundTripUnderAPrefix() throws Exception {
        Storage storage = LocalStorageHelper.getOptions().getService();
        GcsTarget target = target(storage, "backups", "movies/prod/");
        Path artifact = dir.resolve("a");
        String sha = CloudTestSupport.writeRandom(artifact, 3 * 1024 * 1024 + 11, 5);
        byte[] manifest = "{\"success\": true}".getBytes(StandardCharsets.UTF_8);

        target.putArtifact("quality_reports", "quality_reports_20260101_011500.tar.gz", artifact);
        target.putManifest("quality_reports", "quality_reports_20260101_011500.manifest.json", manifest);

        assertThat(target.list("quality_reports")).containsExactlyInAnyOrder("quality_reports_20260101_011500.tar.gz",
                "quality_reports_20260101_011500.manifest.json");
        assertThat(target.list("logs")).isEmpty();
        assertThat(CloudTestSupport.sha256(target.open("quality_reports", "quality_reports_20260101_011500.tar.gz"))).isEqualTo(sha);
        assertThat(target.open("quality_reports", "quality_reports_20260101_011500.manifest.json").readAllBytes()).isEqualTo(manifest);
        assertThat(target.size("quality_reports", "quality_reports_20260101_011500.tar.gz")).isEqualTo(Files.size(artifact));
        assertThat(target.uri("quality_reports", "x")).isEqualTo("gs://backups/movies/prod/quality_reports/x");
        assertThat(storage.get("backups", "movies/prod/quality_reports/quality_reports_20260101_011500.tar.gz")).isNotNull();

        target.delete("quality_reports", "quality_reports_20260101_011500.tar.gz");
        assertThat(target.size("quality_reports", "quality_reports_20260101_011500.tar.gz")).isEqualTo(-1);
        assertThat(target.list("quality_reports")).containsExactly("quality_reports_20260101_011500.manifest.json");
        assertThatThrownBy(() -> target.open("quality_reports", "quality_reports_20260101_011500.tar.gz"))
                .isInstanceOf(NoSuchFileException.class);
        assertThat(target.removeLeftovers("quality_reports")).isEmpty();
    }

    @Test
    void aTargetUnderAnUploadLimitStoresTheBytesWholeAndNoFasterThanTheLimit() throws Exception {
        long rate = 2L * 1024 * 1024;
        GcsTarget target = new GcsTarget(new GcsStorage("gcs", "backups", "test-project", "limited", null),
                LocalStorageHelper.getOptions().getService(), Throttle.perSecond(rate));
        CloudTestSupport.assertLimitedUpload(target, dir, 3L * 1024 * 1024, rate, 6);
    }

    @Test
    void aMissingCredentialsFileIsAConfigErrorWhenTheTargetIsCreated() {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> new GcsTarget(new GcsStorage("gcs", "backups", "", "", missing), Throttle.NONE))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("storage.gcs.credentials_file").hasMessageContaining(missing.toString());
    }
}
