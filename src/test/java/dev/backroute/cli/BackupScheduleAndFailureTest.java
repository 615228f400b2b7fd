package dev.backroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backroute.catalog.Manifests;
import dev.backroute.catalog.Schedule;
import dev.backroute.config.BackupConfig;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.Installation;
import dev.backroute.testsupport.SampleTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class BackupScheduleAndFailureTest {

    @TempDir
    Path dir;

    @Test
    void secondBackupWithinTheSchedulePeriodIsNotDueUnlessForced() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", false);
        SampleTree.create(inst.source());

        assertThat(Cli.withConfig(inst.config(), "backup", "--type", "data_files").exitCode()).isZero();
        Cli.Result second = Cli.withConfig(inst.config(), "backup", "--type", "data_files");
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("data_files: not due").contains("--force");
        assertThat(manifests(inst)).hasSize(1);

        Cli.Result forced = Cli.withConfig(inst.config(), "backup", "--type", "data_files", "--force");
        assertThat(forced.exitCode()).as(forced.all()).isZero();
        assertThat(forced.out()).contains("backed up");
        assertThat(manifests(inst)).hasSize(2);
    }

    @Test
    void aFiveFieldCrontabScheduleIsKeptAsWrittenAndTellsWhenTheNextBackupIsDue() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", false);
        Files.writeString(inst.config(), Files.readString(inst.config()).replace("\"0 0 1 * * ?\"", "\"30 1 * * 1-5\""));
        SampleTree.create(inst.source());
        BackupConfig config = BackupConfig.loadFromFile(inst.config().toString());
        assertThat(config.type("data_files").schedule()).isEqualTo("30 1 * * 1-5");
        assertThat(config.type("data_files").quartzSchedule()).isEqualTo("0 30 1 ? * MON,TUE,WED,THU,FRI");

        assertThat(Cli.withConfig(inst.config(), "backup", "--type", "data_files").exitCode()).isZero();
        assertThat(Cli.withConfig(inst.config(), "backup", "--type", "data_files").out()).contains("data_files: not due");

        JsonNode status = Manifests.mapper().readTree(Cli.withConfig(inst.config(), "status", "--json").out()).at("/types/0");
        assertThat(status.get("schedule").asText()).isEqualTo("30 1 * * 1-5");
        Instant lastStart = Instant.parse(status.at("/last_success/started_at").asText());
        assertThat(Instant.parse(status.get("next_due").asText())).isEqualTo(nextWeekdayAt0130After(lastStart.plus(Schedule.TOLERANCE)));
    }

    /** The fire time worked out by hand, in the host's zone as cron reads it. */
    private static Instant nextWeekdayAt0130After(Instant t) {
        ZonedDateTime local = t.atZone(ZoneId.systemDefault());
        ZonedDateTime candidate = local.toLocalDate().atTime(1, 30).atZone(ZoneId.systemDefault());
        while (!candidate.toInstant().isAfter(t) || candidate.getDayOfWeek().getValue() > 5) {
            candidate = candidate.toLocalDate().plusDays(1).atTime(1, 30).atZone(ZoneId.systemDefault());
        }
        return candidate.toInstant();
    }

    @Test
    void jsonOutputIsOneDocumentNamingEachTypesResult() throws Exception {
        Installation inst = Installation.in(dir).write("zstd", false);
        SampleTree.create(inst.source());

        Cli.Result r = Cli.withConfig(inst.config(), "backup", "--type", "all", "--json");
        assertThat(r.exitCode()).as(r.all()).isZero();
        JsonNode doc = Manifests.mapper().readTree(r.out());
        assertThat(doc.at("/results/0/type").asText()).isEqualTo("data_files");
        assertThat(doc.at("/results/0/status").asText()).isEqualTo("succeeded");
        assertThat(doc.at("/results/0/backups/0/id").asText()).startsWith("data_files_");
        // Every backup is read back once it is stored (after-backup route), and list shows the verdict: the stored
        // bytes were checked, not yet decoded; after validate, a full read.
        assertThat(Cli.withConfig(inst.config(), "list", "--type", "data_files").out()).contains("stored ok 20");
        assertThat(Cli.withConfig(inst.config(), "validate", "--type", "data_files", "--latest").exitCode()).isZero();
        assertThat(Cli.withConfig(inst.config(), "list", "--type", "data_files").out()).contains(" valid 20");
    }

    @Test
    void missingSourcePathFailsWithAFailureManifestAndKeepsEarlierBackups() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", false);
        SampleTree.create(inst.source());
        assertThat(Cli.withConfig(inst.config(), "backup", "--type", "data_files").exitCode()).isZero();
        List<Path> before = artifactsAndManifests(inst);
        byte[] firstManifest = Files.readAllBytes(before.stream().filter(p -> p.toString().endsWith(".manifest.json")).findFirst().orElseThrow());

        Files.move(inst.source(), dir.resolve("moved-away"));
        Cli.Result failed = Cli.withConfig(inst.config(), "backup", "--type", "data_files", "--force");

        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.err()).contains("backroute: error: data_files: FAILED").contains(inst.source().toString()).contains("does not exist");
        List<Path> after = artifactsAndManifests(inst);
        assertThat(after).containsAll(before).hasSize(before.size() + 1);
        Path failureManifest = after.stream().filter(p -> !before.contains(p)).findFirst().orElseThrow();
        JsonNode m = Manifests.mapper().readTree(failureManifest.toFile());
        assertThat(m.get("success").asBoolean()).isFalse();
        assertThat(m.get("error").asText()).contains("does not exist");
        assertThat(m.get("artifact").isNull()).isTrue();
        assertThat(Files.readAllBytes(before.stream().filter(p -> p.toString().endsWith(".manifest.json")).findFirst().orElseThrow()))
                .isEqualTo(firstManifest);

        Cli.Result list = Cli.withConfig(inst.config(), "list", "--type", "data_files");
        assertThat(list.out()).contains("FAILED").contains("ok");
    }

    @Test
    void crashBetweenArtifactAndManifestLeavesNoSuccessfulBackupAndNextRunCleansUp() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", false);
        SampleTree.create(inst.source());
        assertThat(Cli.withConfig(inst.config(), "backup", "--type", "data_files").exitCode()).isZero();
        // What a crash after the artifact's rename and before the manifest's leaves on disk:
        Path committed = FileBackupRoundTripTest.onlyArtifact(inst.typeFolder());
        String id = committed.getFileName().toString().replaceAll("\\..*", "");
        Files.delete(inst.typeFolder().resolve(id + Manifests.SUFFIX));
        Path artifact = Files.move(committed, inst.typeFolder().resolve("data_files_20200101_000000.tar.gz"));
        Path staged = Files.writeString(inst.backups().resolve(".staging").resolve("data_files_20200101_000000.tar.gz"), "half");
        Path partial = Files.writeString(inst.typeFolder().resolve(".data_files_20200101_000000.tar.gz.partial-1234"), "half");
        Path operatorsNote = Files.writeString(inst.typeFolder().resolve("NOTES.txt"), "not a backup, not ours to delete");

        Cli.Result list = Cli.withConfig(inst.config(), "list", "--type", "data_files", "--json");
        assertThat(Manifests.mapper().readTree(list.out()).get("backups")).isEmpty();
        Cli.Result status = Cli.withConfig(inst.config(), "status", "--type", "data_files");
        assertThat(status.out()).contains("last success: never");

        Cli.Result next = Cli.withConfig(inst.config(), "backup", "--type", "data_files");
        assertThat(next.exitCode()).as(next.all()).isZero();
        assertThat(staged).doesNotExist();
        assertThat(partial).doesNotExist();
        assertThat(artifact).doesNotExist();
        assertThat(operatorsNote).exists();
        assertThat(artifactsAndManifests(inst)).hasSize(3);
    }

    private static List<Path> manifests(Installation inst) throws Exception {
        return artifactsAndManifests(inst).stream().filter(p -> p.toString().endsWith(".manifest.json")).toList();
    }

    private static List<Path> artifactsAndManifests(Installation inst) throws Exception {
        try (Stream<Path> s = Files.list(inst.typeFolder())) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }
}
