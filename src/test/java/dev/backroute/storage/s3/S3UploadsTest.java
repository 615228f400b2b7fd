package dev.backroute.storage.s3;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3UploadsTest {
    private static final long MIB = 1024L * 1024;

    @Test
    void thePartSizeGrowsSoThatAnyArtifactFitsInTenThousandParts() throws IOException {
        assertThat(S3Uploads.partSize(16 * MIB, 100 * MIB)).isEqualTo(16 * MIB);
        long huge = 400L * 1024 * 1024 * MIB; // 400 TiB would need 25.6 M parts of 16 MiB
        assertThatThrownBy(() -> S3Uploads.partSize(16 * MIB, huge)).hasMessageContaining("larger than one S3 object can be");
        long big = 200L * 1024 * MIB; // 200 GiB: 12,800 parts of 16 MiB, too many
        long part = S3Uploads.partSize(16 * MIB, big);
        assertThat(part).isGreaterThan(16 * MIB);
        assertThat((big + part - 1) / part).isLessThanOrEqualTo(S3Uploads.MAX_PARTS);
    }
}
