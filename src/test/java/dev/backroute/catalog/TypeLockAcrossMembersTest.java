package dev.backroute.catalog;

import dev.backroute.config.BackupConfig;
import dev.backroute.testsupport.PgClusterFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two cluster members' {@link TypeLock}s, each over its own backup_dir: every kind of lock (backup, drill, prune) is
 * refused on one member while the other holds it, as it is between two processes of one host, and a refusal leaves
 * the refused member's own file lock free.
 */
class TypeLockAcrossMembersTest {
    @RegisterExtension
    static final PgClusterFixture clusterDb = new PgClusterFixture("type-lock-pw");

    @TempDir
    Path dir;

    private Locks hostA;
    private Locks hostB;
    private String where;

    @BeforeEach
    void twoMembers() throws IOException {
        where = clusterDb.jdbcUrl();
        hostA = member("host-a");
        hostB = member("host-b");
    }

    @Test
    void aBackupLockHeldOnOneMemberIsRefusedOnTheOtherUntilReleased() throws Exception {
        try (TypeLock held = TypeLock.acquire(hostA, "data_files")) {
            assertThatThrownBy(() -> TypeLock.acquire(hostB, "data_files"))
                    .isInstanceOf(TypeLock.LockedException.class)
                    .hasMessage("a backup of data_files is already running on cluster member host-a (cluster lock data_files in "
                            + where + "); wait for it to finish");
            assertThat(held.held()).isTrue();
        }

        try (TypeLock taken = TypeLock.acquire(hostB, "data_files")) {
            assertThat(taken.held()).as("host-b's file lock was let go when it was refused").isTrue();
        }
    }

    @Test
    void drillsAndPrunesAreKeptApartByLocksOfTheirOwn() throws Exception {
        try (TypeLock backup = TypeLock.acquire(hostA, "data_files");
             TypeLock drill = TypeLock.drill(hostA, "data_files");
             TypeLock prune = TypeLock.prune(hostA, "data_files", Duration.ZERO)) {
            assertThatThrownBy(() -> TypeLock.drill(hostB, "data_files"))
                    .isInstanceOf(TypeLock.LockedException.class)
                    .hasMessage("a drill of data_files is already running on cluster member host-a (cluster lock data_files.drill in "
                            + where + "); wait for it to finish");
            assertThatThrownBy(() -> TypeLock.prune(hostB, "data_files", Duration.ZERO))
                    .isInstanceOf(TypeLock.LockedException.class)
                    .hasMessage("a prune of data_files is already running on cluster member host-a (cluster lock data_files.prune in "
                            + where + "); wait for it to finish");
            try (TypeLock other = TypeLock.acquire(hostB, "pg")) {
                assertThat(other.held()).isTrue();
            }
        }
    }

    private Locks member(String instance) throws IOException {
        Path config = dir.resolve(instance + ".json");
        Files.writeString(config, """
                { "backup_dir": "%s",
                  "backup_types": { "data_files": { "schedule": "0 0 1 * * ?", "storage": ["shared"], "source": { "paths": ["src"] } } },
                  "storage": { "shared": { "type": "local", "path": "store" } },
                  %s }
                """.formatted(instance, clusterDb.clusterBlock(instance)));
        return Locks.of(BackupConfig.loadFromFile(config, clusterDb.env()), clusterDb.env());
    }
}
