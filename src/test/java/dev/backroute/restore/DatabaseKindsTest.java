package dev.backroute.restore;

import dev.backroute.config.BackupConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseKindsTest {

    /** A kind missing from META-INF/services would only show when its backup is validated or recovered. */
    @Test
    void everyConfiguredDatabaseKindIsRegisteredAndFilesIsLeftToRestore() {
        for (String type : BackupConfig.KNOWN_TYPES) {
            String kind = BackupConfig.kindOf(type);
            if ("files".equals(kind)) {
                assertThat(DatabaseKinds.find(kind)).as(type).isEmpty();
            } else {
                assertThat(DatabaseKinds.find(kind)).as(type).hasValueSatisfying(k -> assertThat(k.kind()).isEqualTo(kind));
            }
        }
    }
}
