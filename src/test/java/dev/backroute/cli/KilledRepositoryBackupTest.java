package dev.backroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
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
 * kill -9 of a backup of a repository type while it uploads packs: no backup is recorded for it, the next backup
 * succeeds, re-uses the packs uploaded before the kill and leaves the spool empty, and the repository validates.
 */
class KilledRepositoryBackupTest {
    private static final int FILES = 4;
    private static final long FILE_BYTES = 64L << 20;
    /** Seal overhead of each stored chunk (a few hundred of 1 MiB on average) and the new tree chunk: well under this. */
    private static final long SLACK = 1L << 20;

    @TempDir
    Path dir;

    @Test
    void aBackupKilledDuringItsUploadsIsNotRecordedAndTheNextReusesWhatItStored() throws Exception {
        Installation inst = manyPacksOfRandomData(dir);
        RepositoryFolder repo = RepositoryFolder.of(inst.typeFolder());

        CliProcess cli = CliProcess.start(dir.resolve("child"), "backup", "--type", "data_files", "--config", inst.config().toString());
        awaitFirstPack(cli, repo);
        cli.process().destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(cli.process().waitFor()).as("killed by SIGKILL").isEqualTo(128 + 9);
        List<Path> uploaded = repo.packs();
        long uploadedBytes = 0;
        for (Path pack : uploaded) {
            uploadedBytes += Files.size(pack);
        }
        assertThat(uploadedBytes).as("the kill landed before the last pack").isLessThan(FILES * FILE_BYTES);
        assertThat(successfulBackups(inst)).as("nothing recorded for the killed run").isEmpty();

        JsonNode second = RepositoryDedupTest.backup(inst);
        long raw = second.get("raw_bytes").asLong();
        assertThat(raw).as("a files snapshot's raw_bytes: its files' bytes").isEqualTo(FILES * FILE_BYTES);
        assertThat(repo.packs()).as("packs from before the kill are kept").containsAll(uploaded);
        // Every chunk in a pack uploaded before the kill is found again, so only the rest is stored.
        assertThat(second.get("stored_bytes").asLong()).isLessThan(raw).isLessThanOrEqualTo(raw - uploadedBytes + SLACK);
        assertThat(successfulBackups(inst)).containsExactly(second.get("id").asText());
        assertThat(filesIn(inst.backups().resolve(".staging/data_files.packs"))).as("the spool of packs").isEmpty();

        Cli.Result validate = Cli.withConfig(inst.config(), "validate", "--type", "data_files", "--latest");
        assertThat(validate.exitCode()).as(validate.all()).isZero();
        assertThat(validate.out()).contains(second.get("id").asText() + " on local: valid");
    }

    /** A repository type of 4 MiB packs over 256 MiB of random data: a backup that uploads packs for a while. */
    static Installation manyPacksOfRandomData(Path dir) throws IOException {
        Installation inst = Installation.in(dir).write("none", false, "\"format\": \"repository\", \"repository\": { \"pack_size_mb\": 4 }");
        Files.createDirectories(inst.source());
        for (int i = 0; i < FILES; i++) {
            RepositoryDedupTest.randomFile(inst.source().resolve("part-" + i + ".bin"), FILE_BYTES, i);
        }
        return inst;
    }

    /** Waits until the child has uploaded a pack (its final name is there), failing if it ended or took two minutes. */
    static void awaitFirstPack(CliProcess cli, RepositoryFolder repo) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (repo.packs().isEmpty()) {
            if (!cli.process().isAlive() || Instant.now().isAfter(deadline)) {
                cli.process().destroyForcibly().waitFor();
                throw new AssertionError("no pack appeared under " + repo.root() + "; stderr: " + cli.stderr());
            }
            Thread.sleep(20);
        }
    }

    private static List<String> successfulBackups(Installation inst) throws IOException {
        Cli.Result list = Cli.withConfig(inst.config(), "list", "--type", "data_files", "--json");
        assertThat(list.exitCode()).as(list.all()).isZero();
        List<String> ids = new ArrayList<>();
        Manifests.mapper().readTree(list.out()).get("backups").forEach(b -> {
            if (b.get("success").asBoolean()) {
                ids.add(b.get("id").asText());
            }
        });
        return ids;
    }

    private static List<Path> filesIn(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}
