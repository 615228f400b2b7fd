package dev.backroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.Locks;
import dev.backroute.catalog.Manifests;
import dev.backroute.catalog.TypeLock;
import dev.backroute.config.BackupConfig;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class CleanupCommandTest {
    private static final Pattern LISTED_ID = Pattern.compile("(?m)^  (data_files_\\d{8}_\\d{6}(?:_\\d+)?)\\s");

    @TempDir
    Path dir;

    @Test
    void dryRunListsExactlyWhatTheRealRunThenDeletesAndLeavesTheRestByteForByte() throws Exception {
        Installation inst = install("\"retention_days\": 30");
        // Made oldest first; aged to 60 (failed run: 45), 40, 20, 10 and 1 days ago.
        List<String> ids = makeBackups(inst, 6, 1);
        int[] ageDays = {60, 45, 40, 20, 10, 1};
        for (int i = 0; i < ids.size(); i++) {
            age(inst.typeFolder(), ids.get(i), Duration.ofDays(ageDays[i]));
        }
        List<String> expired = List.of(ids.get(2), ids.get(1), ids.get(0)); // newest first, as cleanup lists them
        List<String> kept = ids.subList(3, 6);
        Map<String, String> before = snapshot(inst.typeFolder());

        Cli.Result dry = Cli.withConfig(inst.config(), "cleanup", "--dry-run");
        assertThat(dry.exitCode()).as(dry.all()).isZero();
        assertThat(listedIds(dry.out())).containsExactlyElementsOf(expired);
        assertThat(dry.out()).contains("data_files: would delete 3 backup(s), would keep 3")
                .contains("expired: 60 days old").contains("failed run expired: 45 days old")
                .contains("nothing was changed");
        Cli.Result dryJson = Cli.withConfig(inst.config(), "cleanup", "--dry-run", "--json");
        assertThat(deletedIds(dryJson)).containsExactlyElementsOf(expired);
        assertThat(snapshot(inst.typeFolder())).as("a dry run changes nothing").isEqualTo(before);

        Cli.Result real = Cli.withConfig(inst.config(), "cleanup", "--type", "data_files");
        assertThat(real.exitCode()).as(real.all()).isZero();
        assertThat(listedIds(real.out())).as("the real run deletes what the dry run listed").containsExactlyElementsOf(listedIds(dry.out()));
        assertThat(real.out()).contains("data_files: deleted 3 backup(s), kept 3").contains("total: deleted 3 backup(s), freed");

        Map<String, String> after = snapshot(inst.typeFolder());
        for (String id : expired) {
            assertThat(after.keySet()).as("manifest and artifact of " + id + " are gone").noneMatch(n -> n.startsWith(id + "."));
        }
        Map<String, String> untouched = new TreeMap<>(before);
        untouched.keySet().removeIf(n -> expired.stream().anyMatch(id -> n.startsWith(id + ".")));
        assertThat(after).hasSameSizeAs(untouched);
        assertThat(after).as("every other file byte for byte (by SHA-256)").isEqualTo(untouched);

        Cli.Result list = Cli.withConfig(inst.config(), "list", "--type", "data_files", "--json");
        List<String> listed = new ArrayList<>();
        Manifests.mapper().readTree(list.out()).get("backups").forEach(b -> listed.add(b.get("id").asText()));
        assertThat(listed).containsExactly(kept.get(2), kept.get(1), kept.get(0));

        Cli.Result again = Cli.withConfig(inst.config(), "cleanup");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("data_files: nothing to delete (3 kept)");
    }

    @Test
    void withKeepDailyTheDryRunShowsWhichRuleKeepsEachBackupAndTheRealRunDeletesExactlyTheOthers() throws Exception {
        Installation inst = install("");
        // Made oldest first; aged to 30, 20 (failed run), 10, 2 and 1 days ago: each on a UTC day of its own.
        List<String> ids = makeBackups(inst, 5, 1);
        int[] ageDays = {30, 20, 10, 2, 1};
        for (int i = 0; i < ids.size(); i++) {
            age(inst.typeFolder(), ids.get(i), Duration.ofDays(ageDays[i]));
        }
        // Only now: each backup applies retention, and keep_daily would have kept only the newest of today's.
        inst.write("gzip", false, "\"keep_daily\": 2");
        List<String> deleted = List.of(ids.get(2), ids.get(1), ids.get(0));
        Map<String, String> before = snapshot(inst.typeFolder());

        Cli.Result dry = Cli.withConfig(inst.config(), "cleanup", "--dry-run");
        assertThat(dry.exitCode()).as(dry.all()).isZero();
        assertThat(snapshot(inst.typeFolder())).as("a dry run changes nothing").isEqualTo(before);
        assertThat(listedIds(dry.out())).containsExactlyElementsOf(deleted);
        String day1 = dayOf(inst.typeFolder(), ids.get(4));
        String day2 = dayOf(inst.typeFolder(), ids.get(3));
        assertThat(dry.out()).contains("data_files: would delete 3 backup(s), would keep 2")
                .contains("expired: 30 days old, kept by none of keep_daily 2").contains("expired: 10 days old, kept by none of keep_daily 2")
                .contains("failed run expired: older than the newest successful backup")
                .contains("  would keep:\n")
                .contains("    " + ids.get(4) + " ".repeat(34 - ids.get(4).length())
                        + " kept: newest successful backup; newest of day " + day1 + " (keep_daily 2)\n")
                .contains("    " + ids.get(3) + " ".repeat(34 - ids.get(3).length()) + " kept: newest of day " + day2 + " (keep_daily 2)\n");
        JsonNode dryJson = Manifests.mapper().readTree(Cli.withConfig(inst.config(), "cleanup", "--dry-run", "--json").out());
        assertThat(dryJson.at("/results/0/kept_backups/1/reason").asText()).isEqualTo("kept: newest of day " + day2 + " (keep_daily 2)");

        Cli.Result real = Cli.withConfig(inst.config(), "cleanup");
        assertThat(real.exitCode()).as(real.all()).isZero();
        assertThat(listedIds(real.out())).containsExactlyElementsOf(deleted);
        assertThat(real.out()).contains("data_files: deleted 3 backup(s), kept 2").doesNotContain("would keep:");
        Map<String, String> untouched = new TreeMap<>(before);
        untouched.keySet().removeIf(n -> deleted.stream().anyMatch(id -> n.startsWith(id + ".")));
        assertThat(snapshot(inst.typeFolder())).as("the kept backups byte for byte, the others gone").isEqualTo(untouched);
    }

    @Test
    void jsonOutputIsOneDocumentWithReasonsBytesAndTargets() throws Exception {
        Installation inst = install("\"retention_days\": 7, \"min_keep\": 1");
        List<String> ids = makeBackups(inst, 2, -1);
        age(inst.typeFolder(), ids.get(0), Duration.ofDays(20));
        age(inst.typeFolder(), ids.get(1), Duration.ofDays(9));

        Cli.Result r = Cli.withConfig(inst.config(), "cleanup", "--json");
        assertThat(r.exitCode()).as(r.all()).isZero();
        JsonNode doc = Manifests.mapper().readTree(r.out());
        assertThat(doc.get("success").asBoolean()).isTrue();
        assertThat(doc.get("dry_run").asBoolean()).isFalse();
        JsonNode result = doc.at("/results/0");
        assertThat(result.get("type").asText()).isEqualTo("data_files");
        assertThat(result.get("kept").asInt()).isEqualTo(1);
        assertThat(result.at("/deleted/0/id").asText()).isEqualTo(ids.get(0));
        assertThat(result.at("/deleted/0/reason").asText()).isEqualTo("expired: 20 days old, 11 days older than the newest successful backup, retention 7 days");
        assertThat(result.at("/deleted/0/targets/0").asText()).isEqualTo("local");
        assertThat(result.at("/deleted/0/bytes_freed").asLong()).isPositive().isEqualTo(result.get("bytes_freed").asLong());
        assertThat(result.get("errors")).isEmpty();
    }

    @Test
    void aTypeWhoseBackupIsRunningIsReportedAsLockedAndNothingIsDeleted() throws Exception {
        Installation inst = install("\"retention_days\": 30");
        List<String> ids = makeBackups(inst, 2, -1);
        age(inst.typeFolder(), ids.get(0), Duration.ofDays(90));
        age(inst.typeFolder(), ids.get(1), Duration.ofDays(1));
        Map<String, String> before = snapshot(inst.typeFolder());

        try (TypeLock held = TypeLock.acquire(Locks.of(BackupConfig.loadFromFile(inst.config(), Map.of()), Map.of()), "data_files")) {
            Cli.Result r = Cli.withConfig(inst.config(), "cleanup", "--type", "data_files");
            assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
            assertThat(r.out()).contains("data_files: NOT CLEANED");
            assertThat(r.err()).contains("cleanup of data_files not done").contains("already running").contains("data_files.lock")
                    .contains("run cleanup again");
            assertThat(snapshot(inst.typeFolder())).isEqualTo(before);

            Cli.Result json = Cli.withConfig(inst.config(), "cleanup", "--json");
            assertThat(json.exitCode()).isEqualTo(1);
            assertThat(Manifests.mapper().readTree(json.out()).at("/results/0/error").asText()).contains("already running");
            assertThat(snapshot(inst.typeFolder())).isEqualTo(before);
        }

        Cli.Result unlocked = Cli.withConfig(inst.config(), "cleanup", "--type", "data_files");
        assertThat(unlocked.exitCode()).as(unlocked.all()).isZero();
        assertThat(listedIds(unlocked.out())).containsExactly(ids.get(0));
    }

    @Test
    void anArtifactWithoutAManifestIsNotTouched() throws Exception {
        Installation inst = install("\"retention_days\": 30");
        List<String> ids = makeBackups(inst, 2, -1);
        age(inst.typeFolder(), ids.get(0), Duration.ofDays(90));
        age(inst.typeFolder(), ids.get(1), Duration.ofDays(1));
        Path uploading = Files.writeString(inst.typeFolder().resolve("data_files_20200101_000000.tar.gz"), "maybe still uploading");

        for (String mode : new String[] {"--dry-run", "--verbose"}) {
            Cli.Result r = Cli.withConfig(inst.config(), "cleanup", mode);
            assertThat(r.exitCode()).as(r.all()).isZero();
            assertThat(r.out()).doesNotContain("data_files_20200101_000000");
        }
        assertThat(uploading).hasContent("maybe still uploading");
        assertThat(snapshot(inst.typeFolder()).keySet()).noneMatch(n -> n.startsWith(ids.get(0) + "."));
    }

    @Test
    void aTargetThatFailsToDeleteIsReportedAndTheOthersAreStillCleaned() throws Exception {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/a.txt"), "alpha");
        Files.writeString(dir.resolve("backup_config.json"), """
                { "backup_dir": "backups",
                  "backup_types": { "data_files": { "schedule": "0 0 1 * * ?", "retention_days": 30, "storage": ["local", "mirror"],
                                                    "source": { "paths": ["src"] } } },
                  "storage": { "local": { "type": "local", "path": "backups" }, "mirror": { "type": "local", "path": "mirror" } } }
                """);
        Installation inst = Installation.in(dir);
        Path mirror = dir.resolve("mirror/data_files");
        List<String> ids = makeBackups(inst, 2, -1);
        for (Path folder : List.of(inst.typeFolder(), mirror)) {
            age(folder, ids.get(0), Duration.ofDays(90));
            age(folder, ids.get(1), Duration.ofDays(1));
        }
        // A mirror copy that cannot be deleted: its artifact name is taken by a non-empty folder.
        BackupRecord old = read(mirror, ids.get(0));
        Files.delete(mirror.resolve(old.artifact()));
        Files.createDirectories(mirror.resolve(old.artifact()).resolve("stuck"));

        Cli.Result r = Cli.withConfig(inst.config(), "cleanup");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.out()).contains("FAILED on target 'mirror' for " + ids.get(0)).contains("next backup of data_files removes it");
        assertThat(snapshot(inst.typeFolder()).keySet()).noneMatch(n -> n.startsWith(ids.get(0) + "."));
        assertThat(mirror.resolve(old.manifestName())).as("manifest first, even where the artifact stays").doesNotExist();
        assertThat(mirror.resolve(ids.get(1) + Manifests.SUFFIX)).exists();
    }

    @Test
    void anExpiredBackupOfARepositoryTypeLosesItsManifestAndSnapshotButNoPack() throws Exception {
        Installation inst = install("\"retention_days\": 7, \"min_keep\": 1, \"format\": \"repository\"");
        String older = makeBackups(inst, 1, -1).get(0);
        Files.writeString(inst.source().resolve("a.txt"), "beta, stored in a pack of its own");
        String newer = makeBackups(inst, 1, -1).get(0);
        age(inst.typeFolder(), older, Duration.ofDays(20));
        age(inst.typeFolder(), newer, Duration.ofDays(1));
        String olderSnapshot = read(inst.typeFolder(), older).snapshots().get("local");
        String newerSnapshot = read(inst.typeFolder(), newer).snapshots().get("local");
        RepositoryFolder repo = RepositoryFolder.of(inst.typeFolder());
        List<Path> packs = repo.packs();
        assertThat(packs).hasSizeGreaterThanOrEqualTo(2);
        assertThat(repo.snapshots()).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(olderSnapshot, newerSnapshot);

        Cli.Result r = Cli.withConfig(inst.config(), "cleanup", "--type", "data_files");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(listedIds(r.out())).containsExactly(older);
        assertThat(inst.typeFolder().resolve(BackupRecord.manifestNameFor(older))).doesNotExist();
        assertThat(repo.snapshots()).extracting(p -> p.getFileName().toString()).containsExactly(newerSnapshot);
        assertThat(repo.packs()).as("chunks stay until unused ones are reclaimed").isEqualTo(packs);

        Path out = dir.resolve("restored");
        Cli.Result recover = Cli.withConfig(inst.config(), "recover", "--backup-path", "data_files:latest", "--destination", out.toString());
        assertThat(recover.exitCode()).as(recover.all()).isZero();
        assertThat(out.resolve("src/a.txt")).hasContent("beta, stored in a pack of its own");
        Cli.Result validate = Cli.withConfig(inst.config(), "validate", "--all");
        assertThat(validate.exitCode()).as(validate.all()).isZero();
        assertThat(validate.out().lines().toList()).as("the expired backup is gone").singleElement().asString()
                .startsWith(newer + " on local: valid");
    }

    @Test
    void aKeepRuleThatIsNotAPositiveIntegerIsAOneLineConfigError() throws Exception {
        Installation inst = install("\"keep_daily\": 0");
        Cli.Result r = Cli.withConfig(inst.config(), "cleanup", "--dry-run");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip().lines()).singleElement().asString()
                .endsWith("backup_types.data_files.keep_daily: must be a positive integer, got 0");
    }

    @Test
    void anUnknownTypeIsAUsageError() throws Exception {
        Installation inst = install("");
        Cli.Result r = Cli.withConfig(inst.config(), "cleanup", "--type", "nosuch");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown backup type 'nosuch'");
    }

    private Installation install(String typeJson) throws IOException {
        Installation inst = Installation.in(dir).write("gzip", false, typeJson);
        Files.createDirectories(inst.source());
        Files.writeString(inst.source().resolve("a.txt"), "alpha");
        return inst;
    }

    /** Makes {@code count} backups with the real CLI, oldest first; the one at {@code failedIndex} fails (source moved away). */
    private List<String> makeBackups(Installation inst, int count, int failedIndex) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path moved = dir.resolve("moved-away");
            if (i == failedIndex) {
                Files.move(inst.source(), moved);
            }
            Cli.Result r = Cli.withConfig(inst.config(), "backup", "--type", "data_files", "--force", "--json");
            if (i == failedIndex) {
                assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
                Files.move(moved, inst.source());
            } else {
                assertThat(r.exitCode()).as(r.all()).isZero();
            }
            ids.add(Manifests.mapper().readTree(r.out()).at("/results/0/backups/0/id").asText());
        }
        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.startsWith("data_files_"));
        return ids;
    }

    private static BackupRecord read(Path folder, String id) throws IOException {
        Path manifest = folder.resolve(BackupRecord.manifestNameFor(id));
        return Manifests.fromJson(Files.newInputStream(manifest), manifest.toString());
    }

    /** Rewrites a manifest as if its backup had started {@code age} ago. */
    static void age(Path folder, String id, Duration age) throws IOException {
        BackupRecord r = read(folder, id);
        Instant started = Instant.now().minus(age);
        BackupRecord aged = new BackupRecord(r.formatVersion(), r.id(), r.runId(), r.type(), r.success(), r.error(), started,
                started.plus(Duration.between(r.startedAt(), r.finishedAt())), r.artifact(), r.rawBytes(), r.storedBytes(),
                r.sha256(), r.contentSha256(), r.compression(), r.encryption(), r.storage(), r.source(), r.host(),
                r.backrouteVersion(), r.validation(), r.format(), r.snapshots());
        Files.write(folder.resolve(r.manifestName()), Manifests.toJson(aged));
    }

    /** The UTC day a backup's manifest says it started, as keep_daily names it. */
    private static String dayOf(Path folder, String id) throws IOException {
        return read(folder, id).startedAt().atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
    }

    /** Every file of the folder with the SHA-256 of its bytes. */
    private static Map<String, String> snapshot(Path folder) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : s.toList()) {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
                files.put(p.getFileName().toString(), java.util.HexFormat.of().formatHex(digest));
            }
        }
        return files;
    }

    private static List<String> listedIds(String text) {
        List<String> ids = new ArrayList<>();
        Matcher m = LISTED_ID.matcher(text);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static List<String> deletedIds(Cli.Result json) throws IOException {
        assertThat(json.exitCode()).as(json.all()).isZero();
        List<String> ids = new ArrayList<>();
        Manifests.mapper().readTree(json.out()).at("/results/0/deleted").forEach(d -> ids.add(d.get("id").asText()));
        return ids;
    }
}
