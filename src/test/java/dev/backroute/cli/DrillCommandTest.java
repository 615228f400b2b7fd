package dev.backroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backroute.catalog.Manifests;
import dev.backroute.crypto.Keyset;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.Installation;
import dev.backroute.testsupport.JsonSchemas;
import dev.backroute.testsupport.SampleTree;
import dev.backroute.testsupport.TreeAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code drill} of a files type: restore into a scratch folder, checks, a sealed record beside the backups, and leftovers. */
class DrillCommandTest {

    @TempDir
    Path dir;

    @Test
    void drillOfTheNewestBackupPassesKeepsASealedRecordAndLeavesNoScratchFolder() throws Exception {
        Installation inst = Installation.in(dir).write("zstd", true, """
                "drill": { "assertions": [ { "name": "leaf restored", "glob": "**/leaf.txt", "min": 1 } ] }""");
        Keyset.generate(inst.keyset());
        SampleTree.create(inst.source());
        Path pristine = Files.createDirectories(dir.resolve("pristine"));
        SampleTree.create(pristine); // the same tree, to compare the source with after the drill
        assertThat(Cli.withConfig(inst.config(), "backup", "--type", "data_files").exitCode()).isZero();

        Cli.Result drill = Cli.withConfig(inst.config(), "drill", "--type", "data_files");

        assertThat(drill.exitCode()).as(drill.all()).isZero();
        assertThat(drill.out()).contains("drill of data_files: PASSED").contains("ok     files: ").contains("ok     content digest")
                .contains("ok     assertion leaf restored: 1 file(s) match **/leaf.txt").contains("; removed");
        assertThat(scratchFolders(inst)).as("no scratch folder left").isEmpty();
        List<Path> records = drillRecords(inst);
        assertThat(records).hasSize(1);
        JsonNode record = Manifests.mapper().readTree(records.get(0).toFile());
        assertThat(record.get("success").asBoolean()).isTrue();
        assertThat(record.get("mac")).as("sealed with the keyset, like a manifest").isNotNull();
        assertThat(record.get("backups").get(0).get("checks").size()).as("restore, 4 counts, content, the assertion").isEqualTo(7);
        TreeAssert.assertSameTree(pristine, inst.source()); // the drill never touched the source

        Cli.Result json = Cli.withConfig(inst.config(), "drill", "--all", "--json");
        JsonNode doc = JsonSchemas.assertMatches("drill", 0, json);
        assertThat(doc.get("drills").get(0).get("drill").get("backups").get(0).get("restore_seconds").asDouble()).isNotNegative();
        assertThat(Cli.withConfig(inst.config(), "list", "--json").out()).as("list still sees only backups").doesNotContain("drill-");
        assertThat(Cli.withConfig(inst.config(), "list").out()).containsPattern("data_files_\\d{8}_\\d{6} .* passed +stored ok");
        Cli.Result status = Cli.withConfig(inst.config(), "status");
        assertThat(status.out()).containsPattern("last drill: +passed .*\\(data_files_\\d{8}_\\d{6}, restored in [0-9.]+ s\\) on ");
        JsonNode statusJson = JsonSchemas.assertMatches("status", 0, Cli.withConfig(inst.config(), "status", "--json"));
        assertThat(statusJson.get("types").get(0).get("last_drill").get("success").asBoolean()).isTrue();
    }

    @Test
    void aRepositoryBackupIsDrilledToo() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", true, "\"format\": \"repository\"");
        Keyset.generate(inst.keyset());
        SampleTree.create(inst.source());
        assertThat(Cli.withConfig(inst.config(), "backup", "--type", "data_files").exitCode()).isZero();

        Cli.Result drill = Cli.withConfig(inst.config(), "drill", "--backup", "data_files:latest");

        assertThat(drill.exitCode()).as(drill.all()).isZero();
        assertThat(drill.out()).contains("drill of data_files: PASSED");
        assertThat(scratchFolders(inst)).isEmpty();
    }

    @Test
    void aBrokenAssertionFailsTheDrillNamingItAndTheScratchFolderIsStillRemoved() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", false, """
                "drill": { "assertions": [ { "name": "catalogue present", "glob": "catalogue/*.parquet", "min": 1 } ] }""");
        SampleTree.create(inst.source());
        assertThat(Cli.withConfig(inst.config(), "backup", "--type", "data_files").exitCode()).isZero();

        Cli.Result drill = Cli.withConfig(inst.config(), "drill", "--type", "data_files");

        assertThat(drill.exitCode()).as(drill.all()).isEqualTo(1);
        assertThat(drill.out()).contains("drill of data_files: FAILED: assertion catalogue present: expected at least 1 file(s)"
                + " matching catalogue/*.parquet, got 0");
        assertThat(scratchFolders(inst)).isEmpty();
        JsonNode record = Manifests.mapper().readTree(drillRecords(inst).get(0).toFile());
        assertThat(record.get("success").asBoolean()).isFalse();
        assertThat(record.get("error").asText()).startsWith("assertion catalogue present");
        assertThat(Cli.withConfig(inst.config(), "status").out()).contains("last drill:   FAILED ").contains(": assertion catalogue present");
    }

    @Test
    void keptScratchFolderStaysForInspectionAndTheNextDrillRemovesIt() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", false);
        SampleTree.create(inst.source());
        assertThat(Cli.withConfig(inst.config(), "backup", "--type", "data_files").exitCode()).isZero();

        Cli.Result kept = Cli.withConfig(inst.config(), "drill", "--type", "data_files", "--keep");
        assertThat(kept.exitCode()).as(kept.all()).isZero();
        List<Path> left = scratchFolders(inst);
        assertThat(left).hasSize(1);
        TreeAssert.assertSameTree(inst.source(), left.get(0).resolve("src"));

        Thread.sleep(1100); // another stamp
        Cli.Result next = Cli.withConfig(inst.config(), "drill", "--type", "data_files");
        assertThat(next.exitCode()).as(next.all()).isZero();
        assertThat(next.err()).contains("removing " + left.get(0) + ", left by an earlier drill of data_files");
        assertThat(scratchFolders(inst)).isEmpty();
    }

    @Test
    void drillFolderInsideTheSourceIsRefusedByTheConfig() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", false, "\"drill\": { \"directory\": \"src/scratch\" }");

        Cli.Result drill = Cli.withConfig(inst.config(), "drill", "--type", "data_files");

        assertThat(drill.exitCode()).isEqualTo(2);
        assertThat(drill.err()).contains("backup_types.data_files.drill.directory").contains("overlaps the source path")
                .contains("choose a folder outside every source path");
    }

    @Test
    void sourcePathsOfSeveralSegmentsAndSingleFilesAreCountedAsTheBackupCountedThem() throws Exception {
        Files.createDirectories(dir.resolve("srv/movies/data/2026"));
        Files.writeString(dir.resolve("srv/movies/data/2026/ratings.csv"), "user,movie,stars\n");
        Files.createDirectories(dir.resolve("etc/app"));
        Files.writeString(dir.resolve("etc/app/app.conf"), "threads = 4\n");
        Path config = Files.writeString(dir.resolve("backup_config.json"), """
                { "backup_types": { "data_files": { "storage": ["local"],
                    "source": { "paths": ["srv/movies/data", "etc/app/app.conf", "%s"] } } },
                  "storage": { "local": { "type": "local", "path": "backups" } } }
                """.formatted(Files.createDirectories(dir.resolve("outside")).toAbsolutePath()));
        assertThat(Cli.withConfig(config, "backup", "--type", "data_files").exitCode()).isZero();

        Cli.Result drill = Cli.withConfig(config, "drill", "--type", "data_files");

        assertThat(drill.exitCode()).as(drill.all()).isZero();
        assertThat(drill.out()).contains("ok     files: 2").contains("ok     directories: 3");
    }

    @Test
    void aDrillFolderThatReachesIntoTheSourceThroughALinkIsRefusedBeforeAnythingIsCreated() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", false, "\"drill\": { \"directory\": \"alias/drills/new\" }");
        SampleTree.create(inst.source());
        Files.createSymbolicLink(dir.resolve("alias"), inst.source());
        assertThat(Cli.withConfig(inst.config(), "backup", "--type", "data_files").exitCode()).isZero();

        Cli.Result drill = Cli.withConfig(inst.config(), "drill", "--type", "data_files");

        assertThat(drill.exitCode()).as(drill.all()).isEqualTo(2);
        assertThat(drill.err()).contains("backup_types.data_files.drill.directory: the drill folder " + inst.source().toRealPath()
                + "/drills/new overlaps the source path " + inst.source().toRealPath() + " (through a symbolic link)");
        assertThat(inst.source().resolve("drills")).as("nothing created in the source").doesNotExist();
        assertThat(drillRecords(inst)).isEmpty();
    }

    @Test
    void aDrillFolderOtherUsersCanWriteIsRefused() throws Exception {
        Path shared = Files.createDirectories(dir.resolve("shared-tmp"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Installation inst = Installation.in(dir).write("gzip", false, "\"drill\": { \"directory\": \"shared-tmp\" }");
        SampleTree.create(inst.source());
        assertThat(Cli.withConfig(inst.config(), "backup", "--type", "data_files").exitCode()).isZero();

        Cli.Result drill = Cli.withConfig(inst.config(), "drill", "--type", "data_files");

        assertThat(drill.exitCode()).as(drill.all()).isEqualTo(2);
        assertThat(drill.err()).contains("backup_types.data_files.drill.directory: the drill folder " + shared.toRealPath()
                + " can be written by other users (mode rwxrwxrwx): choose a folder only this user can write");
        assertThat(listAll(shared)).isEmpty();
    }

    @Test
    void nothingToDrillIsAUsageErrorNamingWhatToRun() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", false);

        Cli.Result drill = Cli.withConfig(inst.config(), "drill", "--type", "data_files");

        assertThat(drill.exitCode()).isEqualTo(2);
        assertThat(drill.err()).contains("no successful backup of data_files to drill: run ./backroute backup --type data_files first");
        assertThat(drillRecords(inst)).as("a drill that never ran leaves no record").isEmpty();
    }

    @Test
    void drillKilledWhileRestoringLeavesNoPassingRecordAndTheNextDrillRemovesItsScratchFolder() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", false);
        Files.createDirectories(inst.source());
        for (int i = 0; i < 3; i++) {
            RepositoryDedupTest.randomFile(inst.source().resolve("part-" + i + ".bin"), 48L << 20, i);
        }
        assertThat(Cli.withConfig(inst.config(), "backup", "--type", "data_files").exitCode()).isZero();

        CliProcess drill = CliProcess.start(dir.resolve("killed"), "drill", "--type", "data_files", "--config", inst.config().toString());
        Path scratchParent = inst.backups().resolve(".drill/data_files");
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (restoredBytes(scratchParent) < (8L << 20)) {
            assertThat(drill.process().isAlive()).as("the drill is still restoring: %s", drill.stderr()).isTrue();
            assertThat(System.nanoTime()).as("the drill starts restoring within two minutes").isLessThan(deadline);
            Thread.sleep(20);
        }
        drill.process().destroyForcibly(); // SIGKILL: no shutdown hook runs
        drill.process().waitFor();
        assertThat(listAll(scratchParent)).as("the killed drill left its restore behind").isNotEmpty();
        assertThat(drillRecords(inst)).as("a killed drill records nothing, least of all a success").isEmpty();

        Cli.Result next = Cli.withConfig(inst.config(), "drill", "--type", "data_files");

        assertThat(next.exitCode()).as(next.all()).isZero();
        assertThat(next.err()).contains("left by an earlier drill of data_files");
        assertThat(listAll(scratchParent)).isEmpty();
        assertThat(drillRecords(inst)).hasSize(1);
    }

    @Test
    void runDrillsOnItsScheduleAndTheMetricsShowTheLastDrill() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", false);
        SampleTree.create(inst.source());
        assertThat(Cli.withConfig(inst.config(), "backup", "--type", "data_files").exitCode()).isZero();
        Path config = dir.resolve("scheduled.json");
        Files.writeString(config, Files.readString(inst.config()).replaceFirst("\\{", "{ \"operations\": { \"drill_schedule\": \"*/2 * * * * ?\" },"));
        int port = ManagementServerTest.freePort();

        String metrics;
        try (RunProcess run = RunProcess.start(dir.resolve("run"), config, Map.of(), "--http-port", Integer.toString(port))) {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (drillRecords(inst).isEmpty()) {
                assertThat(System.nanoTime()).as("a scheduled drill within a minute: %s", run.output()).isLessThan(deadline);
                Thread.sleep(200);
            }
            Thread.sleep(500); // the record is written last; the gauges are set right after
            metrics = ManagementServerTest.get(port, "/observe/metrics", null).body();
        }

        JsonNode record = Manifests.mapper().readTree(drillRecords(inst).get(0).toFile());
        assertThat(record.get("success").asBoolean()).as(record.toString()).isTrue();
        assertThat(metrics).containsPattern("backroute_last_drill_success\\{[^}]*type=\"data_files\"[^}]*} 1\\.0")
                .containsPattern("backroute_drills_total\\{[^}]*result=\"success\"[^}]*type=\"data_files\"[^}]*} [1-9]")
                .contains("backroute_drill_restore_seconds{").contains("backroute_last_drill_success_timestamp_seconds{");
        assertThat(scratchFolders(inst)).isEmpty();
    }

    private static long restoredBytes(Path parent) throws IOException {
        if (!Files.isDirectory(parent)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(parent)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static List<Path> listAll(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.toList();
        }
    }

    private static List<Path> scratchFolders(Installation inst) throws IOException {
        Path parent = inst.backups().resolve(".drill/data_files");
        return Files.isDirectory(parent) ? listAll(parent) : List.of();
    }

    private static List<Path> drillRecords(Installation inst) throws IOException {
        if (!Files.isDirectory(inst.typeFolder())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(inst.typeFolder())) {
            return files.filter(p -> p.getFileName().toString().startsWith("drill-")).toList();
        }
    }
}
