package dev.backroute.ops;

import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.BackupManager;
import dev.backroute.catalog.Locks;
import dev.backroute.catalog.TypeLock;
import dev.backroute.config.BackupConfig;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.Installation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fire Quartz runs again for a member it took for dead is run only when that member's backup neither committed nor
 * still runs: otherwise one fire would make two backups.
 */
class TakeoverTest {
    @TempDir
    Path dir;

    private Installation inst;
    private Takeover takeover;
    private Locks locks;

    @BeforeEach
    void installation() throws Exception {
        inst = Installation.in(dir).write("gzip", false);
        Files.createDirectories(inst.source());
        Files.writeString(inst.source().resolve("movies.csv"), "id,title\n1,Heat\n");
        BackupConfig config = BackupConfig.loadFromFile(inst.config(), Map.of());
        locks = Locks.of(config, Map.of());
        takeover = new Takeover(new BackupManager(config, new BackupCatalog(config), Clock.systemUTC()), locks);
    }

    @Test
    void aFireWhoseBackupNeverCommittedIsTakenOver() {
        assertThat(takeover.needed("data_files", Instant.now())).isTrue();
    }

    @Test
    void aFireWhoseBackupCommittedBeforeItsMemberDiedIsNotRunAgain() {
        Instant fired = Instant.now().minusSeconds(1);
        assertThat(Cli.withConfig(inst.config(), "backup", "--type", "data_files").exitCode()).isZero();

        assertThat(takeover.needed("data_files", fired)).isFalse();
        assertThat(takeover.needed("data_files", Instant.now().plusSeconds(60))).as("a later fire still runs").isTrue();
    }

    @Test
    void aFireWhoseMemberStillHoldsTheTypesLockIsNotRunAgain() throws Exception {
        try (TypeLock running = TypeLock.acquire(locks, "data_files")) {
            assertThat(takeover.needed("data_files", Instant.now())).isFalse();
        }
        assertThat(takeover.needed("data_files", Instant.now())).isTrue();
    }
}
