package dev.backroute.cli;

import dev.backroute.crypto.Keyset;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.Installation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pack, index file or snapshot of a repository type changed, cut short or swapped with another: validate
 * fails naming it and recover writes nothing. A lost key file stops the next backup instead of starting over.
 */
class TamperedRepositoryTest {
    /** Packs of 1 MiB (the least), so that a few MiB of data make several, of small chunks. */
    private static final String REPOSITORY = "\"format\": \"repository\", \"repository\": { \"pack_size_mb\": 1, \"chunk_min_kib\": 1,"
            + " \"chunk_avg_kib\": 4, \"chunk_max_kib\": 16 }";

    @TempDir
    Path dir;

    enum Damage { FLIP_BYTE, TRUNCATE, SWAP }

    enum Kind { PACK, INDEX, SNAPSHOT }

    @ParameterizedTest(name = "{1} {0}, encrypted={2}")
    @CsvSource({"PACK,FLIP_BYTE,false", "PACK,FLIP_BYTE,true", "PACK,TRUNCATE,false", "PACK,TRUNCATE,true", "PACK,SWAP,false",
            "PACK,SWAP,true", "INDEX,FLIP_BYTE,false", "INDEX,TRUNCATE,true", "SNAPSHOT,FLIP_BYTE,true", "SNAPSHOT,TRUNCATE,false",
            "SNAPSHOT,SWAP,false", "SNAPSHOT,SWAP,true"})
    void damagedObjectFailsValidationAndRecoveryWritesNothing(Kind kind, Damage damage, boolean encrypt) throws Exception {
        Installation inst = install(encrypt);
        RepositoryDedupTest.backup(inst);
        if (kind == Kind.SNAPSHOT && damage == Damage.SWAP) {
            RepositoryDedupTest.randomFile(inst.source().resolve("c.bin"), 64 * 1024, 3);
            RepositoryDedupTest.backup(inst);
        }
        RepositoryFolder repo = RepositoryFolder.of(inst.typeFolder());
        List<Path> objects = switch (kind) {
            case PACK -> repo.packs();
            case INDEX -> repo.indexFiles();
            case SNAPSHOT -> repo.snapshots();
        };
        assertThat(objects).hasSizeGreaterThanOrEqualTo(damage == Damage.SWAP ? 2 : 1);
        List<Path> damaged = damage == Damage.SWAP ? objects.subList(0, 2) : objects.subList(0, 1);
        damage(damaged, damage);

        Cli.Result validate = Cli.withConfig(inst.config(), "validate", "--type", "data_files", "--latest");
        assertThat(validate.exitCode()).as(validate.all()).isEqualTo(1);
        assertThat(validate.out()).contains("INVALID");
        List<String> names = damaged.stream().map(p -> repo.root().relativize(p).toString()).toList();
        assertThat(names).as("the damaged object is named").anyMatch(validate.out()::contains);

        Path out = dir.resolve("restored");
        Cli.Result recover = Cli.withConfig(inst.config(), "recover", "--backup-path", "data_files:latest", "--destination", out.toString());
        assertThat(recover.exitCode()).as(recover.all()).isEqualTo(1);
        assertThat(recover.err()).startsWith("backroute: error: ");
        assertThat(names).anyMatch(recover.err()::contains);
        assertThat(out).doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("restore"));
        }
    }

    @Test
    void aDeletedKeyFileFailsTheNextBackupInsteadOfStartingANewRepositoryAndSaysToPutItBack() throws Exception {
        Installation inst = install(true);
        RepositoryDedupTest.backup(inst);
        RepositoryFolder repo = RepositoryFolder.of(inst.typeFolder());
        List<Path> packs = repo.packs();
        for (Path key : repo.keyFiles()) {
            Files.delete(key);
        }
        String putItBack = "the repository holds data (snapshots) but no key file: put back its keys/ object from a copy of the repository";

        Cli.Result backup = Cli.withConfig(inst.config(), "backup", "--type", "data_files", "--force");
        assertThat(backup.exitCode()).as(backup.all()).isEqualTo(1);
        assertThat(backup.err()).contains("data_files: FAILED").contains(putItBack);
        assertThat(repo.keyFiles()).as("no new key").isEmpty();
        assertThat(repo.packs()).isEqualTo(packs);

        Cli.Result validate = Cli.withConfig(inst.config(), "validate", "--type", "data_files", "--latest");
        assertThat(validate.exitCode()).as(validate.all()).isEqualTo(1);
        assertThat(validate.out()).contains("INVALID").contains(putItBack);
        Path out = dir.resolve("restored");
        Cli.Result recover = Cli.withConfig(inst.config(), "recover", "--backup-path", "data_files:latest", "--destination", out.toString());
        assertThat(recover.exitCode()).as(recover.all()).isEqualTo(1);
        assertThat(recover.err()).contains(putItBack);
        assertThat(out).doesNotExist();
    }

    private Installation install(boolean encrypt) throws IOException {
        Installation inst = Installation.in(dir).write("zstd", encrypt, REPOSITORY);
        if (encrypt) {
            Keyset.generate(inst.keyset());
        }
        Files.createDirectories(inst.source());
        RepositoryDedupTest.randomFile(inst.source().resolve("a.bin"), 3L << 20, 1);
        return inst;
    }

    private static void damage(List<Path> objects, Damage damage) throws IOException {
        Path first = objects.get(0);
        long size = Files.size(first);
        switch (damage) {
            case FLIP_BYTE -> {
                try (RandomAccessFile f = new RandomAccessFile(first.toFile(), "rw")) {
                    f.seek(size / 2);
                    int b = f.read();
                    f.seek(size / 2);
                    f.write(b ^ 0x01);
                }
            }
            case TRUNCATE -> {
                try (RandomAccessFile f = new RandomAccessFile(first.toFile(), "rw")) {
                    f.setLength(size - 17);
                }
            }
            case SWAP -> {
                Path second = objects.get(1);
                byte[] bytes = Files.readAllBytes(first);
                Files.write(first, Files.readAllBytes(second));
                Files.write(second, bytes);
            }
        }
    }
}
