package dev.backroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backroute.catalog.Manifests;
import dev.backroute.cluster.ClusterDatabase;
import dev.backroute.cluster.ClusterLock;
import dev.backroute.config.BackupConfig;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.PgClusterFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two cluster members on one machine (two installations, each with its own backup_dir and so its own lock files,
 * sharing one storage folder and one cluster database): the type's lock holds across them, as it does between two
 * processes of one host, and a member killed with its lock held leaves nothing locked.
 */
class ClusterTypeLockTest {
    private static final String PASSWORD = "cluster-lock-pw";

    @RegisterExtension
    static final PgClusterFixture clusterDb = new PgClusterFixture(PASSWORD);

    @TempDir
    Path dir;

    private Path hostA;
    private Path hostB;

    @BeforeEach
    void twoMembers() throws IOException {
        // host-a uploads at 64 KiB/s, so that its backup holds the type's lock for a while: N KiB take at least N / 64 - 1 s.
        hostA = member("host-a", ", \"limit_upload_kib\": 64");
        hostB = member("host-b", "");
    }

    @Test
    void aBackupRunningOnOneMemberRefusesTheOthersBackupAndCleanupAndIsReleasedWhenItsHolderIsKilled() throws Exception {
        source(4L << 20);
        CliProcess running = CliProcess.start(dir.resolve("host-a-backup"), clusterDb.env(), "backup", "--type", "data_files", "--force",
                "--config", hostA.toString());
        try {
            awaitHolder("backroute host-a: lock of data_files", running);
            await("host-a's upload in the shared folder", () -> !storedFiles().isEmpty(), ended(running));
            List<String> stored = storedFiles();
            String refusal = "a backup of data_files is already running on cluster member host-a (cluster lock data_files in "
                    + "jdbc:postgresql://127.0.0.1:" + clusterDb.server().port() + "/cluster); wait for it to finish";

            Cli.Result backup = Cli.withConfig(clusterDb.env(), hostB, "backup", "--type", "data_files", "--force");
            Cli.Result cleanup = Cli.withConfig(clusterDb.env(), hostB, "cleanup", "--type", "data_files");

            assertThat(backup.exitCode()).as(backup.all()).isEqualTo(1);
            assertThat(backup.err()).contains(refusal);
            assertThat(cleanup.exitCode()).as(cleanup.all()).isEqualTo(1);
            assertThat(cleanup.err()).contains("cleanup of data_files not done: " + refusal + ", then run cleanup again");
            assertThat(storedFiles()).as("host-b neither wrote nor cleared anything").isEqualTo(stored);
            assertThat(running.process().isAlive()).as("host-a's backup was still running throughout").isTrue();
        } finally {
            running.process().destroyForcibly().waitFor();
        }
        awaitNoHolder("data_files");

        Cli.Result backup = Cli.withConfig(clusterDb.env(), hostB, "backup", "--type", "data_files", "--force");

        assertThat(backup.exitCode()).as(backup.all()).isZero();
        Cli.Result list = Cli.withConfig(clusterDb.env(), hostB, "list", "--type", "data_files", "--json");
        assertThat(list.exitCode()).as(list.all()).isZero();
        JsonNode backups = Manifests.mapper().readTree(list.out()).get("backups");
        assertThat(backups).hasSize(1);
        assertThat(backups.get(0).get("success").asBoolean()).isTrue();
        assertThat(backups.get(0).get("host").asText()).isEqualTo("host-b");
    }

    @Test
    void aBackupWhoseClusterLockWasLostIsNotCommitted() throws Exception {
        source(512L << 10);
        CliProcess running = CliProcess.start(dir.resolve("host-a-backup"), clusterDb.env(), "backup", "--type", "data_files", "--force",
                "--config", hostA.toString());
        awaitHolder("backroute host-a: lock of data_files", running);

        clusterDb.server().execute("cluster", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE application_name = 'backroute host-a: lock of data_files'");

        assertThat(running.exitStatus()).as(running.stderr()).isEqualTo(1);
        assertThat(running.stderr()).contains(": the cluster lock of data_files was lost before this backup was committed (its"
                + " connection to the cluster database broke); run the backup again");
        Cli.Result list = Cli.withConfig(clusterDb.env(), hostB, "list", "--type", "data_files", "--json");
        assertThat(list.exitCode()).as(list.all()).isZero();
        assertThat(Manifests.mapper().readTree(list.out()).get("backups")).noneMatch(b -> b.get("success").asBoolean());
    }

    @Test
    void aMemberThatCannotReachTheClusterDatabaseDoesNotBackUp() throws Exception {
        source(64L << 10);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Files.writeString(hostB, Files.readString(hostB).replace(":" + clusterDb.server().port() + "/", ":" + closedPort + "/"));

        Cli.Result backup = Cli.withConfig(clusterDb.env(), hostB, "backup", "--type", "data_files", "--force");

        assertThat(backup.exitCode()).as(backup.all()).isEqualTo(1);
        assertThat(backup.err()).contains("cluster database jdbc:postgresql://127.0.0.1:" + closedPort + "/cluster cannot be used: ")
                .contains("; check cluster.jdbc_url, cluster.user and the password, and that the server is up")
                .doesNotContain(PASSWORD);
        assertThat(storedFiles()).as("no backup without the lock").isEmpty();
    }

    @Test
    void aValidationWaitsToWriteItsResultWhileAnotherMemberHoldsTheCatalogLock() throws Exception {
        source(64L << 10);
        Cli.Result backup = Cli.withConfig(clusterDb.env(), hostB, "backup", "--type", "data_files", "--force");
        assertThat(backup.exitCode()).as(backup.all()).isZero();
        Path manifest = manifest();
        String before = Files.readString(manifest);

        CompletableFuture<Cli.Result> validate;
        try (ClusterLock held = ClusterLock.acquireWaiting(database(hostA), "data_files.catalog")) {
            validate = CompletableFuture.supplyAsync(() -> Cli.withConfig(clusterDb.env(), hostB, "validate", "--type", "data_files", "--latest"));
            awaitWaiter("backroute host-b: lock of data_files.catalog", validate);
            assertThat(Files.readString(manifest)).as("nothing written back while host-a holds the lock").isEqualTo(before);
        }

        Cli.Result validated = validate.get(2, TimeUnit.MINUTES);
        assertThat(validated.exitCode()).as(validated.all()).isZero();
        assertThat(Files.readString(manifest)).as("the result written back once host-a let go").isNotEqualTo(before);
        assertThat(Manifests.mapper().readTree(manifest.toFile()).at("/validation/success").asBoolean()).isTrue();
    }

    private Path member(String instance, String storageExtra) throws IOException {
        Path config = dir.resolve(instance + ".json");
        Files.writeString(config, """
                { "backup_dir": "%s",
                  "backup_types": { "data_files": { "schedule": "0 0 1 * * ?", "compression": "none", "storage": ["shared"],
                                                    "source": { "paths": ["src"] } } },
                  "storage": { "shared": { "type": "local", "path": "store"%s } },
                  %s }
                """.formatted(instance, storageExtra, clusterDb.clusterBlock(instance)));
        return config;
    }

    private void source(long bytes) throws IOException {
        RepositoryDedupTest.randomFile(Files.createDirectories(dir.resolve("src")).resolve("random.bin"), bytes, 1);
    }

    private static ClusterDatabase database(Path config) {
        return new ClusterDatabase(BackupConfig.loadFromFile(config, clusterDb.env()).cluster(), clusterDb.env());
    }

    private List<String> storedFiles() throws IOException {
        if (!Files.isDirectory(dir.resolve("store"))) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir.resolve("store"))) {
            return files.filter(Files::isRegularFile).map(Path::toString).sorted().toList();
        }
    }

    private Path manifest() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("store/data_files"))) {
            List<Path> manifests = files.filter(p -> p.getFileName().toString().endsWith(".manifest.json")).toList();
            assertThat(manifests).hasSize(1);
            return manifests.get(0);
        }
    }

    /** Until the session {@code applicationName} holds an advisory lock; failing if {@code backup} ended first. */
    private static void awaitHolder(String applicationName, CliProcess backup) throws Exception {
        await(applicationName + " holding its lock", () -> found("SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted AND a.application_name = '" + applicationName + "'"), ended(backup));
    }

    private static void awaitNoHolder(String lockName) throws Exception {
        await("no session holding the lock " + lockName, () -> !found("SELECT 1 FROM pg_locks l JOIN pg_stat_activity a"
                + " ON a.pid = l.pid WHERE l.locktype = 'advisory' AND a.application_name LIKE '% lock of " + lockName + "'"), () -> null);
    }

    /**
     * Until the session {@code applicationName} is there, asking for its lock every half second while another holds it;
     * failing if {@code command} ended first.
     */
    private static void awaitWaiter(String applicationName, CompletableFuture<Cli.Result> command) throws Exception {
        await(applicationName + " waiting for its lock", () -> found("SELECT 1 FROM pg_stat_activity"
                + " WHERE application_name = '" + applicationName + "'"),
                () -> command.isDone() ? command.get().all() : null);
    }

    private static Ended ended(CliProcess process) {
        return () -> process.process().isAlive() ? null : process.stderr();
    }

    private static boolean found(String query) throws Exception {
        try (Connection c = clusterDb.server().connect("cluster"); ResultSet r = c.createStatement().executeQuery(query)) {
            return r.next();
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private interface Ended {
        /** Null while what the test waits on still runs, else what it said when it ended. */
        String output() throws Exception;
    }

    private static void await(String what, Condition condition, Ended ended) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!condition.holds()) {
            assertThat(ended.output()).as("ended before %s", what).isNull();
            assertThat(System.nanoTime() - deadline).as("%s within a minute", what).isNegative();
            Thread.sleep(100);
        }
    }
}
