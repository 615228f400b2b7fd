package dev.backroute.config;

import dev.backroute.storage.local.LocalStorage;
import dev.backroute.storage.s3.S3Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** limit_upload_kib and limit_download_kib, accepted by every kind of storage target alike. */
class StorageBandwidthConfigTest {
    @TempDir
    Path dir;

    @Test
    void aTargetWithLimitsCarriesThemBesideItsKindsOwnConfig() {
        BackupConfig config = TestConfigs.load(dir, TestConfigs.fullWith(
                "storage.local.limit_upload_kib=512; storage.s3.limit_download_kib=2048"));

        LimitedStorage local = (LimitedStorage) config.storage().get("local");
        assertThat(local.kindConfig()).isEqualTo(new LocalStorage("local", dir.resolve("backups")));
        assertThat(local.limits()).isEqualTo(new Bandwidth(512, 0));
        assertThat(local.limits().uploadBytesPerSecond()).isEqualTo(512 * 1024L);
        assertThat(local.name()).isEqualTo("local");
        assertThat(local.kind()).isEqualTo("local");

        LimitedStorage s3 = (LimitedStorage) config.storage().get("s3");
        assertThat(s3.kindConfig()).isInstanceOf(S3Storage.class);
        assertThat(s3.limits()).isEqualTo(new Bandwidth(0, 2048));
    }

    @Test
    void aTargetWithoutLimitsIsItsKindsConfigAlone() {
        BackupConfig config = TestConfigs.load(dir, TestConfigs.FULL);

        assertThat(config.storage().get("local")).isEqualTo(new LocalStorage("local", dir.resolve("backups")));
        assertThat(config.storage().get("local").limits()).isEqualTo(Bandwidth.UNLIMITED);
        assertThat(config.storage().get("local").kindConfig()).isSameAs(config.storage().get("local"));
    }
}
