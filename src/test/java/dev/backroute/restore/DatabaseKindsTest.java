package dev.backroute.restore;

import dev.backroute.config.BackupConfig;
import dev.backroute.config.SourceKind;
import dev.backroute.config.SourceKinds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseKindsTest {

    /** A kind missing from META-INF/services would only show when its backup is validated or recovered. */
    @Test
    void everySeedKindIsRegisteredAndFilesIsLeftToRestore() {
        for (String type : BackupConfig.SEED_TYPES) {
            String kind = BackupConfig.seedKind(type);
            assertThat(SourceKinds.find(kind)).as(type).isPresent();
            if ("files".equals(kind)) {
                assertThat(DatabaseKinds.find(kind)).as(type).isEmpty();
            } else {
                assertThat(DatabaseKinds.find(kind)).as(type).hasValueSatisfying(k -> assertThat(k.name()).isEqualTo(kind));
            }
        }
    }

    @Test
    void everyRegisteredKindButFilesRestoresItself() {
        assertThat(SourceKinds.all()).filteredOn(k -> !(k instanceof DatabaseKind)).extracting(SourceKind::name)
                .containsExactly("files");
    }
}
