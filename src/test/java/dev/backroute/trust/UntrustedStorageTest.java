package dev.backroute.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.Manifests;
import dev.backroute.crypto.Keyset;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.Installation;
import dev.backroute.testsupport.SampleTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Someone who can write the backup folder but holds no key: what they plant, swap or point elsewhere is
 * refused, and nothing outside the storage root or the destination is read, written or deleted.
 */
class UntrustedStorageTest {

    @TempDir
    Path dir;

    /** A plaintext backup of {@code tree}, made by a second, unencrypted installation: the attacker's material. */
    private BackupRecord plaintextBackup(Path tree) throws Exception {
        Installation other = Installation.in(Files.createDirectories(dir.resolve("other"))).write("gzip", false);
        Files.createDirectories(other.source());
        Files.writeString(other.source().resolve("planted.sh"), "#!/bin/sh\necho owned\n");
        String id = StoredManifests.backup(other);
        BackupRecord plain = StoredManifests.read(other.typeFolder(), id);
        Files.copy(other.typeFolder().resolve(plain.artifact()), tree);
        return plain;
    }

    /** The encrypted backup's artifact replaced by a plaintext one, its manifest saying so with matching checksums. */
    private String downgrade(Installation inst, boolean sealed) throws Exception {
        String id = StoredManifests.backup(inst);
        BackupRecord original = StoredManifests.read(inst.typeFolder(), id);
        Path plainFile = dir.resolve("plain.tar.gz");
        BackupRecord plain = plaintextBackup(plainFile);
        String artifact = id + ".tar.gz";
        Files.delete(inst.typeFolder().resolve(original.artifact()));
        Files.move(plainFile, inst.typeFolder().resolve(artifact));
        Map<String, Object> source = new LinkedHashMap<>(original.source());
        source.putAll(Map.of("files", plain.source().get("files"), "directories", plain.source().get("directories"),
                "symlinks", plain.source().get("symlinks")));
        Consumer<ObjectNode> change = m -> {
            StoredManifests.describing(m.put("artifact", artifact).putNull("encryption"), plain);
            m.set("source", Manifests.mapper().valueToTree(source));
        };
        if (sealed) {
            StoredManifests.forgeSealed(inst.typeFolder(), id, inst.keyset(), change);
        } else {
            StoredManifests.forge(inst.typeFolder(), id, change);
        }
        return id;
    }

    private Installation encrypted() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", true);
        Keyset.generate(inst.keyset());
        SampleTree.create(inst.source());
        return inst;
    }

    @Test
    void statusNamesEveryManifestItDoesNotTrustAndWhy() throws Exception {
        Installation inst = encrypted();
        String id = downgrade(inst, false);

        Cli.Result text = Cli.withConfig(inst.config(), "status");
        assertThat(text.exitCode()).as(text.all()).isZero();
        assertThat(text.out()).contains("  UNTRUSTED: " + id + ".manifest.json on local: ").contains("has no MAC");

        JsonNode json = Manifests.mapper().readTree(Cli.withConfig(inst.config(), "status", "--json").out());
        JsonNode untrusted = json.get("types").get(0).get("untrusted");
        assertThat(untrusted).hasSize(1);
        assertThat(untrusted.get(0).get("manifest").asText()).isEqualTo(id + ".manifest.json");
        assertThat(untrusted.get(0).get("target").asText()).isEqualTo("local");
        assertThat(untrusted.get(0).get("reason").asText()).contains("has no MAC");
    }

    /**
     * A sealed manifest's host is still text from storage: its escape sequences (clear the screen, retitle the terminal)
     * and line breaks are shown inert by status and list, where the manifest's host is printed, and never obeyed.
     */
    @Test
    void aHostFieldHoldingEscapeSequencesIsPrintedInertByStatusAndList() throws Exception {
        Installation inst = encrypted();
        String id = StoredManifests.backup(inst);
        String host = "host-a\u001b[2J\u001b]0;owned\u0007\nforged line";
        StoredManifests.forgeSealed(inst.typeFolder(), id, inst.keyset(), m -> m.put("host", host));
        String inert = "host-a?[2J?]0;owned??forged line";

        Cli.Result status = Cli.withConfig(inst.config(), "status");
        assertThat(status.exitCode()).as(status.all()).isZero();
        assertThat(status.out()).containsPattern("  last success: .*  " + id + "  .* on \\Q" + inert + "\\E\n")
                .doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("UNTRUSTED");
        Cli.Result list = Cli.withConfig(inst.config(), "list", "--type", "data_files");
        assertThat(list.exitCode()).as(list.all()).isZero();
        assertThat(list.out()).containsPattern(id + " .* local +\\Q" + inert + "\\E ")
                .doesNotContain("\u001b").doesNotContain("\u0007");
        assertThat(list.out().lines()).as("one header and one row").hasSize(2);

        JsonNode json = Manifests.mapper().readTree(Cli.withConfig(inst.config(), "list", "--type", "data_files", "--json").out());
        assertThat(json.at("/backups/0/host").asText()).as("JSON carries the manifest as written, escaped by JSON").isEqualTo(host);
    }

    @Test
    void aKeysetGivenOnlyInTheCommandsEnvironmentIsWhatStatusAndListCheckManifestsWith() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", false);
        SampleTree.create(inst.source());
        Keyset.generate(inst.keyset());
        Map<String, String> env = Map.of("BACKROUTE_KEYSET", Files.readString(inst.keyset()));
        Files.delete(inst.keyset());
        Cli.Result backup = Cli.withConfig(env, inst.config(), "backup", "--type", "data_files", "--json");
        assertThat(backup.exitCode()).as(backup.all()).isZero();
        String id = Manifests.mapper().readTree(backup.out()).at("/results/0/backups/0/id").asText();
        StoredManifests.forge(inst.typeFolder(), id, m -> { });

        Cli.Result status = Cli.withConfig(env, inst.config(), "status");
        assertThat(status.out()).contains("last success: never").contains("UNTRUSTED: " + id + ".manifest.json on local: ")
                .contains("has no MAC");
        Cli.Result list = Cli.withConfig(env, inst.config(), "list", "--type", "data_files");
        assertThat(list.out()).contains("no backups of data_files yet").contains("UNTRUSTED " + id + ".manifest.json on local: ");
    }

    @Test
    void aPlaintextArtifactPlantedInAnEncryptedTypeIsRefusedAndNothingIsRestored() throws Exception {
        Installation inst = encrypted();
        String id = downgrade(inst, false);

        Cli.Result validate = Cli.withConfig(inst.config(), "validate", "--backup-path", id);
        assertThat(validate.exitCode()).as(validate.all()).isEqualTo(1);
        assertThat(validate.err()).contains("has no MAC");

        Path out = dir.resolve("restored");
        Cli.Result recover = Cli.withConfig(inst.config(), "recover", "--backup-path", "data_files:latest", "--destination", out.toString());
        assertThat(recover.exitCode()).as(recover.all()).isEqualTo(1);
        assertThat(recover.err()).contains(id).contains("has no MAC");
        assertThat(out).doesNotExist();

        Cli.Result list = Cli.withConfig(inst.config(), "list", "--type", "data_files");
        assertThat(list.out()).contains("UNTRUSTED " + id + ".manifest.json on local");
    }

    @Test
    void evenASealedManifestCannotMakeAnEncryptedTypeRestorePlaintext() throws Exception {
        Installation inst = encrypted();
        String id = downgrade(inst, true);

        Cli.Result validate = Cli.withConfig(inst.config(), "validate", "--backup-path", "data_files:latest");
        assertThat(validate.exitCode()).as(validate.all()).isEqualTo(1);
        assertThat(validate.out()).contains("INVALID").contains("is not encrypted, but backup_types.data_files.encrypt is true");

        Path out = dir.resolve("restored");
        Cli.Result recover = Cli.withConfig(inst.config(), "recover", "--backup-path", id, "--destination", out.toString());
        assertThat(recover.exitCode()).as(recover.all()).isEqualTo(1);
        assertThat(recover.err()).contains("is not encrypted, but backup_types.data_files.encrypt is true");
        assertThat(out).doesNotExist();
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("restore"));
    }

    @Test
    void anArtifactFieldPointingOutsideTheTypeFolderIsNeverReadNorDeleted() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", false);
        SampleTree.create(inst.source());
        String old = StoredManifests.backup(inst);
        StoredManifests.backup(inst);
        Path victim = Files.createDirectories(dir.resolve("victim")).resolve("important.txt");
        Files.writeString(victim, "keep me");
        // Old enough for retention, and pointing two folders up: backups/data_files/../../victim/important.txt.
        StoredManifests.forge(inst.typeFolder(), old, m -> StoredManifests.startedAt(
                m.put("artifact", "../../victim/important.txt"), Instant.now().minus(Duration.ofDays(400))));

        Cli.Result cleanup = Cli.withConfig(inst.config(), "cleanup", "--type", "data_files");
        assertThat(cleanup.exitCode()).as(cleanup.all()).isZero();
        assertThat(victim).hasContent("keep me");

        Cli.Result validate = Cli.withConfig(inst.config(), "validate", "--backup-path", old);
        assertThat(validate.exitCode()).as(validate.all()).isEqualTo(1);
        assertThat(validate.err()).contains("field 'artifact' is '../../victim/important.txt'");

        Cli.Result list = Cli.withConfig(inst.config(), "--json", "list", "--type", "data_files");
        JsonNode untrusted = Manifests.mapper().readTree(list.out()).get("untrusted");
        assertThat(untrusted).hasSize(1);
        assertThat(untrusted.get(0).get("reason").asText()).contains(old).contains("field 'artifact'");
        assertThat(victim).hasContent("keep me");
    }

    @Test
    void anIdFieldThatIsAPathIsRefused() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", false);
        SampleTree.create(inst.source());
        String id = StoredManifests.backup(inst);
        StoredManifests.forge(inst.typeFolder(), id, m -> m.put("id", "../../victim/x"));

        Cli.Result list = Cli.withConfig(inst.config(), "list", "--type", "data_files");
        assertThat(list.out()).contains("no backups of data_files yet").contains("field 'id' is '../../victim/x'");
        Cli.Result recover = Cli.withConfig(inst.config(), "recover", "--backup-path", "data_files:latest",
                "--destination", dir.resolve("restored").toString());
        assertThat(recover.exitCode()).as(recover.all()).isEqualTo(1);
        assertThat(dir.resolve("restored")).doesNotExist();
        assertThat(dir.resolve("victim")).doesNotExist();
    }

    @Test
    void theManifestsSourceKindDoesNotDecideHowABackupIsRestored() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", false);
        SampleTree.create(inst.source());
        String id = StoredManifests.backup(inst);
        // A manifest claiming Neo4j, with a Neo4j-style artifact name that escapes the folder: refused by name.
        StoredManifests.forge(inst.typeFolder(), id, m -> m.put("artifact", "../logs/evil.jsonl")
                .set("source", Manifests.mapper().valueToTree(Map.of("kind", "neo4j"))));
        Path out = dir.resolve("restored");
        Cli.Result refused = Cli.withConfig(inst.config(), "recover", "--backup-path", id, "--destination", out.toString());
        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
        assertThat(refused.err()).contains("field 'artifact' is '../logs/evil.jsonl'");
        assertThat(out).doesNotExist();
        assertThat(dir.resolve("logs")).doesNotExist();

        // The same claim with the real artifact name: the config says files, so a tree is restored, as a tree.
        StoredManifests.forge(inst.typeFolder(), id, m -> m.put("artifact", id + ".tar.gz"));
        Cli.Result recovered = Cli.withConfig(inst.config(), "recover", "--backup-path", id, "--destination", out.toString());
        assertThat(recovered.exitCode()).as(recovered.all()).isZero();
        assertThat(out.resolve("src")).isDirectory();
    }

    @Test
    void anArtifactOfAnotherBackupPutInPlaceIsSaidNotToBelongToThisBackup() throws Exception {
        Installation inst = encrypted();
        String first = StoredManifests.backup(inst);
        String second = StoredManifests.backup(inst);
        BackupRecord a = StoredManifests.read(inst.typeFolder(), first);
        BackupRecord b = StoredManifests.read(inst.typeFolder(), second);
        Files.copy(inst.typeFolder().resolve(b.artifact()), inst.typeFolder().resolve(a.artifact()),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        StoredManifests.forgeSealed(inst.typeFolder(), first, inst.keyset(),
                m -> StoredManifests.describing(m, b));

        Cli.Result validate = Cli.withConfig(inst.config(), "validate", "--backup-path", first);
        assertThat(validate.exitCode()).as(validate.all()).isEqualTo(1);
        assertThat(validate.out()).contains("the artifact does not belong to this backup id").doesNotContain("key does not match");
    }

    @Test
    void backupsWrittenBeforeManifestsWereSealedAreAdoptedOnlyByTheExplicitStep() throws Exception {
        Installation inst = encrypted();
        String id = StoredManifests.backup(inst);
        // What a manifest of an earlier version looks like: the same fields, no MAC.
        StoredManifests.forge(inst.typeFolder(), id, m -> { });
        assertThat(Cli.withConfig(inst.config(), "validate", "--backup-path", id).exitCode()).isEqualTo(1);

        Cli.Result adopt = Cli.withConfig(inst.config(), "validate", "--all", "--adopt-unsigned");
        assertThat(adopt.exitCode()).as(adopt.all()).isZero();
        assertThat(adopt.out()).contains(id + " on local: valid");

        Cli.Result validate = Cli.withConfig(inst.config(), "validate", "--backup-path", id);
        assertThat(validate.exitCode()).as(validate.all()).isZero();
        Path out = dir.resolve("restored");
        assertThat(Cli.withConfig(inst.config(), "recover", "--backup-path", id, "--destination", out.toString()).exitCode()).isZero();
    }
}
