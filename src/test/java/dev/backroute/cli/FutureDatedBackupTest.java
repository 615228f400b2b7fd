package dev.backroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.Manifests;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.Installation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A manifest whose started_at is years ahead, from a host with a fast clock or planted by someone who
 * can write to the storage: schedules and retention ignore it, nothing deletes it, status names it.
 */
class FutureDatedBackupTest {
    private static final Duration THREE_YEARS_AHEAD = Duration.ofDays(-3 * 365);

    @TempDir
    Path dir;

    @Test
    void aBackupDatedInTheFutureDoesNotMakeTheTypeNotDue() throws Exception {
        Installation inst = install("");
        String planted = makeBackups(inst, 1).get(0);
        redate(inst.typeFolder(), planted, THREE_YEARS_AHEAD);

        Cli.Result next = Cli.withConfig(inst.config(), "backup", "--type", "data_files");

        assertThat(next.exitCode()).as(next.all()).isZero();
        assertThat(next.out()).contains("data_files: backed up").doesNotContain("not due");
        assertThat(manifests(inst)).hasSize(2);
    }

    @Test
    void cleanupKeepsTheNewestCorrectlyDatedBackupAndTheFutureDatedOne() throws Exception {
        Installation inst = install("\"retention_days\": 30");
        List<String> ids = makeBackups(inst, 4);
        String future = ids.get(0);
        redate(inst.typeFolder(), future, THREE_YEARS_AHEAD);
        redate(inst.typeFolder(), ids.get(1), Duration.ofDays(40));
        redate(inst.typeFolder(), ids.get(2), Duration.ofDays(50));
        redate(inst.typeFolder(), ids.get(3), Duration.ofDays(90));

        Cli.Result cleanup = Cli.withConfig(inst.config(), "cleanup", "--type", "data_files");

        assertThat(cleanup.exitCode()).as(cleanup.all()).isZero();
        assertThat(cleanup.out()).contains("deleted 1 backup(s), kept 3");
        assertThat(manifests(inst)).containsExactlyInAnyOrder(
                BackupRecord.manifestNameFor(future), BackupRecord.manifestNameFor(ids.get(1)), BackupRecord.manifestNameFor(ids.get(2)));
    }

    @Test
    void statusNamesTheFutureDatedBackupAndLeavesItOutOfTheLastSuccess() throws Exception {
        Installation inst = install("");
        List<String> ids = makeBackups(inst, 2);
        redate(inst.typeFolder(), ids.get(0), Duration.ofDays(2));
        redate(inst.typeFolder(), ids.get(1), THREE_YEARS_AHEAD);

        Cli.Result text = Cli.withConfig(inst.config(), "status");
        assertThat(text.exitCode()).as(text.all()).isZero();
        assertThat(text.out()).contains("last success: ").contains(ids.get(0))
                .containsPattern("WARNING: backup " + ids.get(1) + " claims to start at \\S+, 2627\\d hours in the future: "
                        + "ignored for schedules and retention; check this host's clock or who wrote it");

        JsonNode json = Manifests.mapper().readTree(Cli.withConfig(inst.config(), "status", "--json").out()).at("/types/0");
        assertThat(json.at("/last_success/id").asText()).isEqualTo(ids.get(0));
        assertThat(json.at("/future_dated/0/id").asText()).isEqualTo(ids.get(1));
        assertThat(json.at("/future_dated/0/warning").asText()).contains("in the future: ignored for schedules and retention");
        assertThat(Instant.parse(json.get("next_due").asText())).isBefore(Instant.now().plus(Duration.ofDays(2)));
    }

    private Installation install(String typeJson) throws IOException {
        Installation inst = Installation.in(dir).write("gzip", false, typeJson);
        Files.createDirectories(inst.source());
        Files.writeString(inst.source().resolve("a.txt"), "alpha");
        return inst;
    }

    /** Makes {@code count} successful backups with the real CLI, oldest first, and returns their ids. */
    private static List<String> makeBackups(Installation inst, int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Cli.Result r = Cli.withConfig(inst.config(), "backup", "--type", "data_files", "--force", "--json");
            assertThat(r.exitCode()).as(r.all()).isZero();
            ids.add(Manifests.mapper().readTree(r.out()).at("/results/0/backups/0/id").asText());
        }
        return ids;
    }

    /** Rewrites a manifest as if its backup had started {@code age} ago (a negative age is in the future). */
    private static void redate(Path folder, String id, Duration age) throws IOException {
        Path manifest = folder.resolve(BackupRecord.manifestNameFor(id));
        BackupRecord r = Manifests.fromJson(Files.newInputStream(manifest), manifest.toString());
        Instant started = Instant.now().minus(age);
        BackupRecord redated = new BackupRecord(r.formatVersion(), r.id(), r.runId(), r.type(), r.success(), r.error(), started,
                started.plus(Duration.between(r.startedAt(), r.finishedAt())), r.artifact(), r.rawBytes(), r.storedBytes(),
                r.sha256(), r.contentSha256(), r.compression(), r.encryption(), r.storage(), r.source(), r.host(),
                r.backrouteVersion(), r.validation());
        Files.write(manifest, Manifests.toJson(redated));
    }

    private static List<String> manifests(Installation inst) throws IOException {
        try (Stream<Path> s = Files.list(inst.typeFolder())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(Manifests.SUFFIX)).toList();
        }
    }
}
