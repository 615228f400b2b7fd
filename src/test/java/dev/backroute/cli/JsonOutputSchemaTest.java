package dev.backroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.Manifests;
import dev.backroute.crypto.Keyset;
import dev.backroute.crypto.ManifestMac;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.Installation;
import dev.backroute.testsupport.SampleTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.backroute.testsupport.JsonSchemas.assertMatches;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/schemas/ is the contract of --json output: every command's real output, on real backups that
 * include a failed run, a damaged artifact, an expired, a future-dated and an untrusted manifest and a
 * disabled type, must match its command's schema, and the schemas leave no room for unknown keys.
 */
class JsonOutputSchemaTest {
    @TempDir
    Path dir;

    @Test
    void everyCommandsJsonOutputMatchesItsSchemaWithFailuresAndErrorsIncluded() throws Exception {
        Installation inst = Installation.in(dir);
        JsonNode keygen = assertMatches("keygen", 0, Cli.run("keygen", "--out", inst.keyset().toString(), "--json"));
        assertThat(keygen.get("keyset_file").asText()).isEqualTo(inst.keyset().toAbsolutePath().toString());
        inst.write("zstd", true, "\"retention_days\": 7");
        addDisabledType(inst.config());
        SampleTree.create(inst.source());

        JsonNode first = assertMatches("backup", 0, cli(inst, "backup", "--type", "all"));
        assertThat(first.at("/results/0/status").asText()).isEqualTo("succeeded");
        assertThat(first.at("/results/0/error").isNull()).isTrue();
        String expired = first.at("/results/0/backups/0/id").asText();
        assertThat(assertMatches("backup", 0, cli(inst, "backup", "--type", "data_files")).at("/results/0/status").asText()).isEqualTo("not_due");
        JsonNode recovered = assertMatches("recover", 0, cli(inst, "recover", "--backup-path", expired, "--destination", dir.resolve("restored").toString()));
        assertThat(recovered.get("files").asInt()).isPositive();
        assertThat(assertMatches("ls", 0, cli(inst, "ls", expired)).get("entries")).isNotEmpty();

        String damaged = backUp(inst);
        Path moved = Files.move(inst.source(), dir.resolve("moved-away"));
        JsonNode failed = assertMatches("backup", 1, cli(inst, "backup", "--type", "data_files", "--force"));
        assertThat(failed.get("success").asBoolean()).isFalse();
        assertThat(failed.at("/results/0/status").asText()).isEqualTo("failed");
        assertThat(failed.at("/results/0/error").asText()).contains("does not exist");
        assertThat(failed.at("/results/0/backups/0/error").asText()).contains("does not exist");
        Files.move(moved, inst.source());
        String futureDated = backUp(inst);

        reseal(inst, expired, Instant.now().minus(Duration.ofDays(20)));
        reseal(inst, futureDated, Instant.now().plus(Duration.ofDays(3)));
        Files.copy(inst.typeFolder().resolve(BackupRecord.manifestNameFor(damaged)),
                inst.typeFolder().resolve(BackupRecord.manifestNameFor("data_files_20200101_000000")));
        truncate(inst.typeFolder().resolve(read(inst, damaged).artifact()));

        JsonNode validate = assertMatches("validate", 1, cli(inst, "validate", "--all"));
        JsonNode invalid = find(validate.get("results"), "id", damaged);
        assertThat(invalid.get("error").asText()).contains("local: ");
        assertThat(invalid.at("/copies/0/error").asText()).contains("modified or truncated");
        assertThat(invalid.at("/copies/0/detail").isNull()).isTrue();
        assertThat(find(validate.get("results"), "id", expired).at("/copies/0/detail").asText()).isNotEmpty();

        JsonNode list = assertMatches("list", 0, cli(inst, "list", "--type", "data_files"));
        assertThat(list.get("backups")).hasSize(4);
        assertThat(list.at("/untrusted/0/manifest").asText()).isEqualTo("data_files_20200101_000000.manifest.json");

        JsonNode status = assertMatches("status", 0, cli(inst, "status"));
        JsonNode dataFiles = find(status.get("types"), "type", "data_files");
        assertThat(dataFiles.at("/last_success/id").asText()).isEqualTo(damaged);
        assertThat(dataFiles.at("/last_success/validation/error").asText()).contains("modified or truncated");
        assertThat(dataFiles.at("/last_failure/error").asText()).contains("does not exist");
        assertThat(dataFiles.at("/future_dated/0/id").asText()).isEqualTo(futureDated);
        assertThat(dataFiles.get("next_due").isTextual()).isTrue();
        JsonNode disabled = find(status.get("types"), "type", "logs");
        assertThat(disabled.get("enabled").asBoolean()).isFalse();
        assertThat(disabled.get("next_due").isNull()).as("a disabled type is never due").isTrue();

        JsonNode dryRun = assertMatches("cleanup", 0, cli(inst, "cleanup", "--dry-run"));
        assertThat(dryRun.at("/results/0/deleted/0/id").asText()).isEqualTo(expired);
        assertThat(assertMatches("cleanup", 0, cli(inst, "cleanup")).at("/results/0/deleted/0/bytes_freed").asLong()).isPositive();

        JsonNode unknownType = assertMatches("error", 2, cli(inst, "list", "--type", "nosuch"));
        assertThat(unknownType.get("error").asText()).contains("unknown backup type 'nosuch'");
        JsonNode badOption = assertMatches("error", 2, cli(inst, "status", "--no-such-option"));
        assertThat(badOption.get("error").asText()).contains("--no-such-option");
        JsonNode damagedRecovery = assertMatches("error", 1, cli(inst, "recover", "--backup-path", damaged, "--destination",
                dir.resolve("restored-damaged").toString()));
        assertThat(damagedRecovery.get("error").asText()).contains("modified or truncated");
    }

    @Test
    void statusJsonIsByteIdenticalFromOneProcessToTheNext() throws Exception {
        Installation inst = Installation.in(dir);
        Keyset.generate(inst.keyset());
        inst.write("gzip", true);
        addDisabledType(inst.config());
        SampleTree.create(inst.source());
        backUp(inst);

        CliProcess once = CliProcess.start(dir.resolve("once"), "status", "--json", "--config", inst.config().toString());
        CliProcess again = CliProcess.start(dir.resolve("again"), "status", "--json", "--config", inst.config().toString());

        assertThat(once.exitStatus()).as(once.stderr()).isZero();
        assertThat(again.exitStatus()).as(again.stderr()).isZero();
        assertThat(again.stdout()).isEqualTo(once.stdout());
        assertThat(Manifests.mapper().readTree(once.stdout()).get("types")).hasSize(2);
    }

    @Test
    void aRepositoryBackupsJsonOutputMatchesTheSchemas() throws Exception {
        Installation inst = Installation.in(dir);
        Cli.run("keygen", "--out", inst.keyset().toString());
        inst.write("zstd", true, "\"format\": \"repository\"");
        SampleTree.create(inst.source());

        JsonNode backup = assertMatches("backup", 0, cli(inst, "backup", "--type", "data_files"));
        assertThat(backup.at("/results/0/backups/0/format").asText()).isEqualTo("repository");
        JsonNode again = assertMatches("backup", 0, cli(inst, "backup", "--type", "data_files", "--force"));
        assertThat(again.at("/results/0/backups/0/stored_bytes").asLong()).isZero();
        JsonNode validate = assertMatches("validate", 0, cli(inst, "validate", "--all"));
        assertThat(validate.get("results")).hasSize(2);
        JsonNode list = assertMatches("list", 0, cli(inst, "list", "--type", "data_files"));
        assertThat(list.at("/backups/0/format").asText()).isEqualTo("repository");
        assertThat(list.at("/backups/0/snapshots/local").asText()).matches("[0-9a-f]{64}");
        assertThat(list.at("/backups/0/validation/scope").asText()).isEqualTo("full");
        JsonNode recovered = assertMatches("recover", 0, cli(inst, "recover", "--backup-path", "data_files:latest", "--destination",
                dir.resolve("restored").toString()));
        assertThat(recovered.get("files").asInt()).isPositive();
    }

    private static Cli.Result cli(Installation inst, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--json");
        return Cli.withConfig(inst.config(), all.toArray(String[]::new));
    }

    private static String backUp(Installation inst) throws IOException {
        Cli.Result r = cli(inst, "backup", "--type", "data_files", "--force");
        assertThat(r.exitCode()).as(r.all()).isZero();
        return Manifests.mapper().readTree(r.out()).at("/results/0/backups/0/id").asText();
    }

    /** A second files type, switched off: status lists it and gives it no next due time. */
    private static void addDisabledType(Path config) throws IOException {
        Files.writeString(config, Files.readString(config).replace("\"backup_types\": {",
                "\"backup_types\": { \"logs\": { \"enabled\": false, \"storage\": [\"local\"], \"source\": { \"paths\": [\"src\"] } },"));
    }

    private static BackupRecord read(Installation inst, String id) throws IOException {
        Path manifest = inst.typeFolder().resolve(BackupRecord.manifestNameFor(id));
        return Manifests.fromJson(Files.newInputStream(manifest), manifest.toString());
    }

    /** Rewrites a manifest as if its backup had started at {@code started}, sealed with the keyset as Backroute seals it. */
    private static void reseal(Installation inst, String id, Instant started) throws IOException {
        BackupRecord r = read(inst, id);
        BackupRecord moved = new BackupRecord(r.formatVersion(), r.id(), r.runId(), r.type(), r.success(), r.error(), started,
                started.plus(Duration.between(r.startedAt(), r.finishedAt())), r.artifact(), r.rawBytes(), r.storedBytes(),
                r.sha256(), r.contentSha256(), r.compression(), r.encryption(), r.storage(), r.source(), r.host(),
                r.backrouteVersion(), r.validation());
        Files.write(inst.typeFolder().resolve(r.manifestName()), Manifests.toJson(moved, new ManifestMac(Keyset.readFile(inst.keyset()))));
    }

    private static void truncate(Path artifact) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(artifact.toFile(), "rw")) {
            f.setLength(f.length() - 17);
        }
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (n.path(field).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("no element with " + field + " = " + value + " in " + array);
    }
}
