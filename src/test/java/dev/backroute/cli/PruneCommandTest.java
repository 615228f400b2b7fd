package dev.backroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.Manifests;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.Installation;
import dev.backroute.testsupport.JsonSchemas;
import dev.backroute.testsupport.TreeAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code backroute prune}: after retention forgot a backup of a repository type, the packs only it used go, every
 * kept backup restores; a prune and a backup from two hosts at once both succeed; a prune killed (kill -9) at a
 * random point and run again loses nothing.
 */
class PruneCommandTest {
    private static final long FILE_BYTES = 3L << 20;

    @TempDir
    Path dir;

    @Test
    void pruneAfterCleanupFreesTheForgottenBackupAndEveryKeptBackupRestores() throws Exception {
        Installation inst = Installation.in(dir).write("zstd", false,
                "\"format\": \"repository\", \"retention_days\": 7, \"min_keep\": 1, \"repository\": { \"pack_size_mb\": 1 }");
        Files.createDirectories(inst.source());
        for (int i = 0; i < 3; i++) {
            RepositoryDedupTest.randomFile(inst.source().resolve("part-" + i + ".bin"), FILE_BYTES, i);
        }
        String first = RepositoryDedupTest.backup(inst).get("id").asText();
        RepositoryDedupTest.randomFile(inst.source().resolve("part-0.bin"), FILE_BYTES, 10);
        String second = RepositoryDedupTest.backup(inst).get("id").asText();
        Path atSecond = copyOf(inst.source(), dir.resolve("at-second"));
        RepositoryDedupTest.randomFile(inst.source().resolve("part-1.bin"), FILE_BYTES, 11);
        RepositoryDedupTest.backup(inst);
        CleanupCommandTest.age(inst.typeFolder(), first, Duration.ofDays(20));
        Cli.Result cleanup = Cli.withConfig(inst.config(), "cleanup", "--type", "data_files");
        assertThat(cleanup.exitCode()).as(cleanup.all()).isZero();
        Map<String, Long> before = files(inst.typeFolder());

        JsonNode dry = JsonSchemas.assertMatches("prune", 0, Cli.withConfig(inst.config(), "prune", "--dry-run", "--json"));
        assertThat(files(inst.typeFolder())).as("a dry run changes nothing").isEqualTo(before);
        assertThat(dry.get("dry_run").asBoolean()).isTrue();
        JsonNode planned = dry.at("/results/0/targets/0");
        assertThat(planned.get("packs_deleted").asInt() + planned.get("packs_repacked").asInt()).isPositive();

        Cli.Result prune = Cli.withConfig(inst.config(), "prune", "--type", "data_files");

        assertThat(prune.exitCode()).as(prune.all()).isZero();
        assertThat(prune.out()).startsWith("data_files on local: 2 snapshot(s) kept; deleted ");
        long freed = packBytes(before) - packBytes(files(inst.typeFolder()));
        assertThat(freed).as("the first backup's own part-0 is gone").isGreaterThan(FILE_BYTES * 9 / 10);
        assertRestores(inst, "data_files:latest", inst.source());
        assertRestores(inst, second, atSecond);
        Cli.Result validate = Cli.withConfig(inst.config(), "validate", "--all");
        assertThat(validate.exitCode()).as(validate.all()).isZero();
    }

    @Test
    void pruneOfATypeThatKeepsArchivesIsAUsageError() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", false);

        Cli.Result r = Cli.withConfig(inst.config(), "prune", "--type", "data_files");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("prune works on repository types; data_files keeps archives, which cleanup deletes whole");
    }

    /**
     * Two hosts (two configs, each with its own backup_dir and so its own type lock) share one storage folder: one
     * backs up while the other prunes, started together, round after round. Both always succeed, and every kept
     * backup reads back whole.
     */
    @Test
    void aBackupAndAPruneFromTwoHostsAtOnceBothSucceed() throws Exception {
        Path hostA = twoHostConfig("host-a");
        Path hostB = twoHostConfig("host-b");
        Path source = Files.createDirectories(dir.resolve("src"));
        for (int i = 0; i < 3; i++) {
            RepositoryDedupTest.randomFile(source.resolve("part-" + i + ".bin"), FILE_BYTES, i);
        }
        assertThat(Cli.withConfig(hostA, "backup", "--type", "data_files", "--force").exitCode()).isZero();
        for (int round = 0; round < 3; round++) {
            RepositoryDedupTest.randomFile(source.resolve("part-" + round + ".bin"), FILE_BYTES, 100 + round);
            CliProcess backup = CliProcess.start(dir.resolve("backup-" + round), "backup", "--type", "data_files", "--force",
                    "--config", hostA.toString());
            CliProcess prune = CliProcess.start(dir.resolve("prune-" + round), "prune", "--config", hostB.toString());
            assertThat(backup.exitStatus()).as("backup, round %d: %s", round, backup.stderr()).isZero();
            assertThat(prune.exitStatus()).as("prune, round %d: %s", round, prune.stderr()).isZero();
            Cli.Result validate = Cli.withConfig(hostB, "validate", "--all");
            assertThat(validate.exitCode()).as("round %d: %s", round, validate.all()).isZero();
            forgetOldest(dir.resolve("store/data_files")); // garbage for the next round's prune
        }
        Path out = dir.resolve("restored");
        Cli.Result recover = Cli.withConfig(hostB, "recover", "--backup-path", "data_files:latest", "--destination", out.toString());
        assertThat(recover.exitCode()).as(recover.all()).isZero();
        TreeAssert.assertSameTree(source, out.resolve("src"));
    }

    /** kill -9 of a prune at a random moment, round after round, then a full prune: every kept backup validates whole. */
    @Test
    void aPruneKilledAtARandomPointLosesNothing() throws Exception {
        Installation inst = Installation.in(dir).write("none", false,
                "\"format\": \"repository\", \"repository\": { \"pack_size_mb\": 1, \"repack_unused_percent\": 5 }");
        Files.createDirectories(inst.source());
        for (int i = 0; i < 4; i++) {
            RepositoryDedupTest.randomFile(inst.source().resolve("part-" + i + ".bin"), FILE_BYTES, i);
        }
        RepositoryDedupTest.backup(inst);
        Random random = new Random(42);
        for (int round = 0; round < 3; round++) {
            RepositoryDedupTest.randomFile(inst.source().resolve("part-" + round + ".bin"), FILE_BYTES, 200 + round);
            RepositoryDedupTest.backup(inst);
            forgetOldest(inst.typeFolder());
            Path locks = inst.typeFolder().resolve("repository/locks");
            List<Path> before = lockObjects(locks); // a killed prune's lock stays until it is stale or removed
            CliProcess prune = CliProcess.start(dir.resolve("prune-" + round), "prune", "--config", inst.config().toString());
            awaitNewLock(prune, locks, before);
            Thread.sleep(random.nextInt(300)); // somewhere in the prune: reading snapshots, repacking, rewriting, deleting
            prune.process().destroyForcibly();
            prune.process().waitFor();
            Cli.Result validate = Cli.withConfig(inst.config(), "validate", "--all");
            assertThat(validate.exitCode()).as("after the kill of round %d: %s", round, validate.all()).isZero();
        }
        Cli.Result prune = Cli.withConfig(inst.config(), "prune");
        assertThat(prune.exitCode()).as(prune.all()).isZero();
        assertRestores(inst, "data_files:latest", inst.source());
        Cli.Result validate = Cli.withConfig(inst.config(), "validate", "--all");
        assertThat(validate.exitCode()).as(validate.all()).isZero();
    }

    /** `run` prunes every repository type on operations.prune_schedule: the forgotten backup's packs go without a command. */
    @Test
    void runPrunesOnItsSchedule() throws Exception {
        Path config = dir.resolve("backup_config.json");
        Files.writeString(config, """
                { "backup_dir": "backups", "operations": { "prune_schedule": "*/2 * * * * ?" },
                  "backup_types": { "data_files": { "schedule": "0 0 1 * * ?", "compression": "zstd", "format": "repository",
                                                    "repository": { "pack_size_mb": 1 }, "storage": ["local"],
                                                    "source": { "paths": ["src"] } } },
                  "storage": { "local": { "type": "local", "path": "backups" } } }
                """);
        Path source = Files.createDirectories(dir.resolve("src"));
        RepositoryDedupTest.randomFile(source.resolve("a.bin"), FILE_BYTES, 1);
        assertThat(Cli.withConfig(config, "backup", "--type", "data_files", "--force").exitCode()).isZero();
        RepositoryDedupTest.randomFile(source.resolve("a.bin"), FILE_BYTES, 2);
        assertThat(Cli.withConfig(config, "backup", "--type", "data_files", "--force").exitCode()).isZero();
        Path typeFolder = dir.resolve("backups/data_files");
        forgetOldest(typeFolder);
        long before = packBytes(files(typeFolder));

        try (RunProcess run = RunProcess.start(dir.resolve("run"), config, Map.of())) {
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (packBytes(files(typeFolder)) > before - FILE_BYTES * 9 / 10 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(packBytes(files(typeFolder))).as(run.output()).isLessThanOrEqualTo(before - FILE_BYTES * 9 / 10);
        }
        Path out = dir.resolve("restored");
        Cli.Result recover = Cli.withConfig(config, "recover", "--backup-path", "data_files:latest", "--destination", out.toString());
        assertThat(recover.exitCode()).as(recover.all()).isZero();
        TreeAssert.assertSameTree(source, out.resolve("src"));
    }

    /** Waits until the prune holds a lock of its own (it is pruning), or has already ended. */
    private static void awaitNewLock(CliProcess prune, Path locks, List<Path> before) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (prune.process().isAlive() && System.nanoTime() < deadline) {
            if (lockObjects(locks).stream().anyMatch(p -> !before.contains(p))) {
                return;
            }
            Thread.sleep(5);
        }
    }

    private static List<Path> lockObjects(Path locks) throws IOException {
        if (!Files.isDirectory(locks)) {
            return List.of();
        }
        try (Stream<Path> held = Files.list(locks)) {
            return held.filter(p -> p.getFileName().toString().matches("[0-9a-f]{64}")).toList();
        }
    }

    private Path twoHostConfig(String host) throws IOException {
        Path config = dir.resolve(host + ".json");
        Files.writeString(config, """
                { "backup_dir": "%s",
                  "backup_types": { "data_files": { "schedule": "0 0 1 * * ?", "compression": "zstd", "format": "repository",
                                                    "repository": { "pack_size_mb": 1, "lock_wait_minutes": 2 },
                                                    "storage": ["shared"], "source": { "paths": ["src"] } } },
                  "storage": { "shared": { "type": "local", "path": "store" } } }
                """.formatted(host));
        return config;
    }

    /** What retention does to the oldest backup of the type: its manifest, then its snapshot, go. */
    private static void forgetOldest(Path typeFolder) throws IOException {
        List<Path> manifests;
        try (Stream<Path> files = Files.list(typeFolder)) {
            manifests = files.filter(p -> p.getFileName().toString().endsWith(".manifest.json")).sorted().toList();
        }
        assertThat(manifests).hasSizeGreaterThan(1);
        Path oldest = manifests.get(0);
        BackupRecord record = Manifests.fromJson(Files.newInputStream(oldest), oldest.toString());
        Files.delete(oldest);
        String snapshot = record.snapshots().values().iterator().next();
        Files.delete(typeFolder.resolve("repository/snapshots").resolve(snapshot));
    }

    private void assertRestores(Installation inst, String backup, Path expected) throws IOException {
        Path out = dir.resolve("restored-" + backup.replace(':', '-'));
        Cli.Result recover = Cli.withConfig(inst.config(), "recover", "--backup-path", backup, "--destination", out.toString());
        assertThat(recover.exitCode()).as(recover.all()).isZero();
        TreeAssert.assertSameTree(expected, out.resolve("src"));
    }

    /** The files directly in {@code from}, with their times, into a new folder {@code to}. */
    static Path copyOf(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return to;
    }

    private static Map<String, Long> files(Path folder) throws IOException {
        Map<String, Long> all = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                all.put(folder.relativize(p).toString(), Files.size(p));
            }
        }
        return all;
    }

    private static long packBytes(Map<String, Long> files) {
        List<Long> sizes = new ArrayList<>();
        files.forEach((name, size) -> {
            if (name.startsWith("repository/data/")) {
                sizes.add(size);
            }
        });
        return sizes.stream().mapToLong(Long::longValue).sum();
    }
}
