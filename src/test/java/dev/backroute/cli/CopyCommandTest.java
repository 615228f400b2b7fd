package dev.backroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backroute.catalog.Manifests;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.JsonSchemas;
import dev.backroute.testsupport.TreeAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code backroute copy}: a type's backups on one target, copied to an empty second one, restore from that target
 * alone byte for byte; a second copy copies nothing; a source copy that does not match its manifest is not copied.
 */
class CopyCommandTest {
    private static final long FILE_BYTES = 2L << 20;

    @TempDir
    Path dir;

    @Test
    void aRepositoryTypeCopiedToAnEmptyTargetRestoresFromThatTargetAlone() throws Exception {
        copiedBackupsRestoreFromTheNewTargetAlone("\"format\": \"repository\", \"encrypt\": true, \"compression\": \"zstd\"");
    }

    @Test
    void anArchiveTypeCopiedToAnEmptyTargetRestoresFromThatTargetAlone() throws Exception {
        copiedBackupsRestoreFromTheNewTargetAlone("\"encrypt\": true, \"compression\": \"gzip\"");
    }

    private void copiedBackupsRestoreFromTheNewTargetAlone(String typeJson) throws Exception {
        Cli.run("keygen", "--out", dir.resolve("keyset.json").toString());
        Path source = Files.createDirectories(dir.resolve("src"));
        RepositoryDedupTest.randomFile(source.resolve("a.bin"), FILE_BYTES, 1);
        Path config = config(typeJson, "\"local\"");
        String first = backup(config);
        Path atFirst = PruneCommandTest.copyOf(source, dir.resolve("at-first"));
        RepositoryDedupTest.randomFile(source.resolve("b.bin"), FILE_BYTES, 2);
        backup(config);

        Path both = config(typeJson, "\"local\", \"offsite\"");
        Path leftover = Files.write(Files.createDirectories(dir.resolve("backups/.staging")).resolve("data_files.copy-1.tmp"),
                new byte[] {1}); // what a copy killed while staging an artifact leaves
        JsonNode result = JsonSchemas.assertMatches("copy", 0,
                Cli.withConfig(both, "copy", "--type", "data_files", "--from", "local", "--to", "offsite", "--json"));
        assertThat(result.get("copied")).hasSize(2);
        assertThat(leftover).as("swept by the next copy").doesNotExist();
        Cli.Result again = Cli.withConfig(both, "copy", "--type", "data_files", "--from", "local", "--to", "offsite");
        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(again.out()).contains("copied 0 backup(s) from local to offsite; 2 were there already");

        Path offsiteOnly = config(typeJson, "\"offsite\"");
        Cli.Result list = Cli.withConfig(offsiteOnly, "list", "--type", "data_files");
        assertThat(list.exitCode()).as(list.all()).isZero();
        assertRestores(offsiteOnly, "data_files:latest", source);
        assertRestores(offsiteOnly, first, atFirst);
        Cli.Result validate = Cli.withConfig(offsiteOnly, "validate", "--all");
        assertThat(validate.exitCode()).as(validate.all()).isZero();
        // The first target still restores on its own too: its manifests now name both copies.
        assertRestores(config, first, atFirst);
    }

    @Test
    void aCopyIntoATargetTheTypeDoesNotUseIsAUsageError() throws Exception {
        Cli.run("keygen", "--out", dir.resolve("keyset.json").toString());
        Path config = config("\"format\": \"repository\"", "\"local\"");

        Cli.Result r = Cli.withConfig(config, "copy", "--type", "data_files", "--from", "local", "--to", "offsite");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("'offsite' is not a storage target of data_files (local): add it to the type's \"storage\" list"
                + " first, then copy into it");
    }

    @Test
    void aDamagedArchiveIsNotCopied() throws Exception {
        Cli.run("keygen", "--out", dir.resolve("keyset.json").toString());
        Path source = Files.createDirectories(dir.resolve("src"));
        RepositoryDedupTest.randomFile(source.resolve("a.bin"), FILE_BYTES, 3);
        Path config = config("\"encrypt\": true, \"compression\": \"gzip\"", "\"local\"");
        String id = backup(config);
        Path artifact;
        try (Stream<Path> files = Files.list(dir.resolve("local/data_files"))) {
            artifact = files.filter(p -> p.getFileName().toString().startsWith(id) && !p.toString().endsWith(".manifest.json"))
                    .findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(artifact);
        bytes[bytes.length / 2] ^= 1;
        Files.write(artifact, bytes);

        Cli.Result r = Cli.withConfig(config(("\"encrypt\": true, \"compression\": \"gzip\""), "\"local\", \"offsite\""), "copy",
                "--type", "data_files", "--from", "local", "--to", "offsite");

        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.err()).contains("does not match its manifest's stored_bytes/sha256 (damaged or replaced): not copied");
        assertThat(dir.resolve("offsite/data_files")).satisfiesAnyOf(
                p -> assertThat(p).doesNotExist(), p -> assertThat(listing(p)).isEmpty());
    }

    private Path config(String typeJson, String storage) throws IOException {
        Path config = dir.resolve("config-" + storage.replaceAll("[^a-z]", "") + ".json");
        Files.writeString(config, """
                { "backup_dir": "backups",
                  "backup_types": { "data_files": { "schedule": "0 0 1 * * ?", %s, "storage": [%s],
                                                    "source": { "paths": ["src"] } } },
                  "storage": { "local": { "type": "local", "path": "local" }, "offsite": { "type": "local", "path": "offsite" } },
                  "encryption": { "keyset_file": "keyset.json" } }
                """.formatted(typeJson, storage));
        return config;
    }

    private static String backup(Path config) throws IOException {
        Cli.Result r = Cli.withConfig(config, "backup", "--type", "data_files", "--force", "--json");
        assertThat(r.exitCode()).as(r.all()).isZero();
        return Manifests.mapper().readTree(r.out()).at("/results/0/backups/0/id").asText();
    }

    private void assertRestores(Path config, String backup, Path expected) throws IOException {
        Path out = dir.resolve("restored-" + config.getFileName() + "-" + backup.replace(':', '-'));
        Cli.Result recover = Cli.withConfig(config, "recover", "--backup-path", backup, "--destination", out.toString());
        assertThat(recover.exitCode()).as(recover.all()).isZero();
        TreeAssert.assertSameTree(expected, out.resolve("src"));
    }

    private static List<Path> listing(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> !p.getFileName().toString().equals("repository")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
