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

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        takeover = new Takeover(config, new BackupManager(config, new BackupCatalog(config), Clock.systemUTC()), locks,
                Duration.ofMillis(300));
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
    void aFireWhoseBackupsCannotBeReadIsRunRatherThanLost() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path unreachable = dir.resolve("unreachable");
        Files.createDirectories(unreachable);
        Files.writeString(unreachable.resolve("key-id"), "test-key-id");
        Files.writeString(unreachable.resolve("secret"), "test-secret-value");
        Files.writeString(unreachable.resolve("backup_config.json"), """
                { "backup_types": { "data_files": { "compression": "gzip", "storage": ["s3"], "source": { "paths": ["src"] } } },
                  "storage": { "s3": { "type": "s3", "bucket": "movie-backups", "endpoint": "http://127.0.0.1:%d",
                                       "access_key_id_file": "key-id", "secret_access_key_file": "secret" } } }
                """.formatted(closedPort));
        BackupConfig config = BackupConfig.loadFromFile(unreachable.resolve("backup_config.json"), Map.of());
        BackupManager away = new BackupManager(config, new BackupCatalog(config), Clock.systemUTC());
        assertThatThrownBy(() -> away.getBackupStatus("data_files")).as("the storage does not answer").isInstanceOf(RuntimeException.class);

        assertThat(new Takeover(config, away, Locks.of(config, Map.of()), Duration.ofMillis(300)).needed("data_files", Instant.now()))
                .as("the backup runs, and fails and alerts as any backup whose storage is away").isTrue();
    }

    @Test
    void aFireWhoseMemberStillHoldsTheTypesLockIsNotRunAgain() throws Exception {
        try (TypeLock running = TypeLock.acquire(locks, "data_files")) {
            assertThat(takeover.needed("data_files", Instant.now())).isFalse();
        }
        assertThat(takeover.needed("data_files", Instant.now())).isTrue();
    }
}
