package dev.backroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.Installation;
import dev.backroute.testsupport.JsonSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code validate --read-data-subset}: a repository of many small packs ({@code pack_size_mb: 1}) read a quarter at a
 * time, by a byte budget, and with a damaged pack; and the specs and combinations it refuses.
 */
class ValidateDataSubsetTest {
    private static final long FILE_BYTES = 3L << 20;

    @TempDir
    Path dir;

    @Test
    void fourRunsOfAQuarterReadEveryPackOnceAndALostPositionRestartsTheRotation() throws Exception {
        Installation inst = repositoryOfSmallPacks();
        int packs = RepositoryFolder.of(inst.typeFolder()).packs().size();
        assertThat(packs).isGreaterThanOrEqualTo(6);

        int read = 0;
        List<Integer> groups = new ArrayList<>();
        JsonNode last = null;
        for (int run = 0; run < 4; run++) {
            last = JsonSchemas.assertMatches("validate", 0, Cli.withConfig(inst.config(), "validate", "--read-data-subset", "25%", "--json"))
                    .at("/types/0/targets/0/check");
            assertThat(last.get("packs_total").asInt()).isEqualTo(packs);
            assertThat(last.get("damaged_packs")).isEmpty();
            read += last.get("packs_read").asInt();
            groups.add(last.at("/rotation/group").asInt());
        }

        assertThat(groups).containsExactly(1, 2, 3, 4);
        assertThat(read).as("every pack once over the rotation").isEqualTo(packs);
        assertThat(last.get("coverage").asDouble()).isEqualTo(1.0);
        Path position = inst.backups().resolve(".state/validate/data_files.local");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(position))).isEqualTo("rw-------");
        Files.delete(position);
        Cli.Result restarted = Cli.withConfig(inst.config(), "validate", "--read-data-subset", "25%");
        assertThat(restarted.exitCode()).as(restarted.all()).isZero();
        assertThat(restarted.out()).startsWith("data_files on local: read ").contains("(group 1 of 4; ");
    }

    @Test
    void aFlippedByteFailsTheRunWhoseGroupHoldsItNamingTheBackupAndAgainUntilRepaired() throws Exception {
        Installation inst = repositoryOfSmallPacks();
        String backupId = latestBackupId(inst);
        // The largest pack: its middle is a file's chunk. A small one may hold only the tree's chunk, whose damage the
        // structure check (which reads every tree) reports first, as the snapshot's.
        Path pack = RepositoryFolder.of(inst.typeFolder()).packs().stream()
                .max(java.util.Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
        byte[] bytes = Files.readAllBytes(pack);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(pack, bytes);

        List<Integer> exits = new ArrayList<>();
        Cli.Result failed = null;
        for (int run = 0; run < 4 && failed == null; run++) {
            Cli.Result r = Cli.withConfig(inst.config(), "validate", "--read-data-subset", "25%");
            exits.add(r.exitCode());
            failed = r.exitCode() == 0 ? null : r;
        }

        assertThat(failed).as("the damaged pack is in one of the four groups: %s", exits).isNotNull();
        assertThat(exits.subList(0, exits.size() - 1)).allMatch(e -> e == 0);
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.out()).contains("1 PROBLEM(S) (see the errors below)");
        assertThat(failed.err().lines().toList()).singleElement().asString()
                .startsWith("backroute: error: data_files on local: chunk ")
                .contains(pack.getFileName().toString() + " is damaged")
                .endsWith("; backups that need it: " + backupId);
        Cli.Result again = Cli.withConfig(inst.config(), "validate", "--read-data-subset", "25%", "--json");
        JsonNode check = JsonSchemas.assertMatches("validate", 1, again).at("/types/0/targets/0/check");
        assertThat(check.at("/damaged_packs/0/pack").asText()).endsWith(pack.getFileName().toString());
        assertThat(check.at("/damaged_packs/0/backups/0").asText()).isEqualTo(backupId);
    }

    @Test
    void aSizeBudgetReadsAboutThatManyBytesAndTheRunsGoOnUntilEveryPackIsRead() throws Exception {
        Installation inst = repositoryOfSmallPacks();
        long total = 0;
        for (Path p : RepositoryFolder.of(inst.typeFolder()).packs()) {
            total += Files.size(p);
        }
        long budget = 3L << 20;

        long read = 0;
        int runs = 0;
        double coverage = 0;
        while (coverage < 1.0) {
            JsonNode check = JsonSchemas.assertMatches("validate", 0,
                    Cli.withConfig(inst.config(), "validate", "--read-data-subset", "3MiB", "--type", "data_files", "--json"))
                    .at("/types/0/targets/0/check");
            long bytes = check.get("bytes_read").asLong();
            assertThat(bytes).isLessThanOrEqualTo(budget);
            coverage = check.get("coverage").asDouble();
            if (coverage < 1.0) {
                // It stopped because the next pack did not fit: what is left of the budget is less than a pack.
                assertThat(bytes).isGreaterThan(budget / 3);
            }
            assertThat(check.at("/rotation/last_pack").asText()).matches("[0-9a-f]{64}");
            read += bytes;
            assertThat(++runs).isLessThan(20);
        }

        assertThat(read).as("every pack read once").isEqualTo(total);
        assertThat(runs).isGreaterThanOrEqualTo((int) (total / budget));
    }

    @Test
    void specsThatAreNoShareOrSizeAndOptionsThatDoNotGoWithItAreUsageErrors() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", false);
        for (String[] c : List.of(
                new String[] {"0%", "--read-data-subset: '0%' is not a share from 0% (excluded) to 100%"},
                new String[] {"150%", "--read-data-subset: '150%' is not a share from 0% (excluded) to 100%"},
                new String[] {"5 parsecs", "--read-data-subset: '5 parsecs' is neither a share like 5% or 2.5% nor a size like 500MiB or 2GiB (KiB, MiB, GiB, TiB)"})) {
            Cli.Result r = Cli.withConfig(inst.config(), "validate", "--read-data-subset", c[0]);
            assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
            assertThat(r.err()).isEqualTo("backroute: error: " + c[1] + System.lineSeparator());
        }
        Cli.Result withAll = Cli.withConfig(inst.config(), "validate", "--read-data-subset", "5%", "--all");
        assertThat(withAll.exitCode()).isEqualTo(2);
        assertThat(withAll.err()).startsWith("backroute: error: --read-data-subset goes alone or with --type TYPE, not with ");
        Cli.Result archives = Cli.withConfig(inst.config(), "validate", "--read-data-subset", "5%", "--type", "data_files");
        assertThat(archives.exitCode()).isEqualTo(2);
        assertThat(archives.err()).startsWith("backroute: error: --read-data-subset reads the packs of repository types; data_files keeps archives");
        Cli.Result everyType = Cli.withConfig(inst.config(), "validate", "--read-data-subset", "5%");
        assertThat(everyType.exitCode()).as(everyType.all()).isZero();
        assertThat(everyType.out()).contains("no type keeps its backups in a repository")
                .contains("data_files: keeps archives, which a data subset does not cover (validate --all reads them)");
    }

    /** Three files of 3 MiB of random data in one backup, in packs of about 1 MiB. */
    private Installation repositoryOfSmallPacks() throws IOException {
        Installation inst = Installation.in(dir).write("none", false, "\"format\": \"repository\", \"repository\": { \"pack_size_mb\": 1 }");
        Files.createDirectories(inst.source());
        for (int i = 0; i < 3; i++) {
            RepositoryDedupTest.randomFile(inst.source().resolve("part-" + i + ".bin"), FILE_BYTES, i);
        }
        RepositoryDedupTest.backup(inst);
        return inst;
    }

    private static String latestBackupId(Installation inst) throws IOException {
        Cli.Result list = Cli.withConfig(inst.config(), "list", "--type", "data_files", "--json", "--limit", "1");
        return dev.backroute.catalog.Manifests.mapper().readTree(list.out()).at("/backups/0/id").asText();
    }
}
