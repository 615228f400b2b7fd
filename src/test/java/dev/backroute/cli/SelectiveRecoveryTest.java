package dev.backroute.cli;

import dev.backroute.testsupport.Tampering;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backroute.crypto.Keyset;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.Installation;
import dev.backroute.testsupport.RepositoryBackups;
import dev.backroute.testsupport.SampleTree;
import dev.backroute.testsupport.TreeAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** recover --include/--exclude: only the selected paths are written, from an archive and from a repository, fully verified. */
class SelectiveRecoveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "data_files_[0-9_]+";

    @TempDir
    Path dir;

    enum Format {
        ARCHIVE(""), REPOSITORY(RepositoryBackups.SMALL_CHUNKS);

        final String typeJson;

        Format(String typeJson) {
            this.typeJson = typeJson;
        }
    }

    private Installation backedUp(Format format, boolean encrypt) throws Exception {
        Installation inst = Installation.in(dir).write("zstd", encrypt, format.typeJson);
        if (encrypt) {
            Keyset.generate(inst.keyset());
        }
        SampleTree.create(Files.createDirectories(inst.source()));
        Cli.Result backup = Cli.withConfig(inst.config(), "backup", "--type", "data_files");
        assertThat(backup.exitCode()).as(backup.all()).isZero();
        return inst;
    }

    private Cli.Result recover(Installation inst, Path dest, String... selection) {
        List<String> args = new ArrayList<>(List.of("recover", "--backup-path", "data_files:latest", "--destination", dest.toString()));
        args.addAll(List.of(selection));
        return Cli.withConfig(inst.config(), args.toArray(String[]::new));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void includeRestoresOnlyTheMatchingPathsAndTheFoldersAboveThem(Format format) throws Exception {
        Installation inst = backedUp(format, format == Format.REPOSITORY);
        Path dest = dir.resolve("dest");

        Cli.Result r = recover(inst, dest, "--include", "src/nested/deeper", "--include", "src/*.json", "--json");

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(paths(dest)).containsExactly("src", "src/nested", "src/nested/deeper", "src/nested/deeper/leaf.txt",
                "src/千と千尋.json");
        TreeAssert.assertSameTree(inst.source().resolve("nested/deeper"), dest.resolve("src/nested/deeper"));
        assertThat(dest.resolve("src/千と千尋.json")).hasSameBinaryContentAs(inst.source().resolve("千と千尋.json"));
        // The folder above them is the backup's, with its recorded time and mode, not one made now.
        assertThat(Files.getLastModifiedTime(dest.resolve("src/nested")).toInstant()).isEqualTo(SampleTree.MTIME);
        assertThat(Files.getPosixFilePermissions(dest.resolve("src/nested")))
                .isEqualTo(Files.getPosixFilePermissions(inst.source().resolve("nested")));
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.get("files").asLong()).isEqualTo(2);
        assertThat(doc.get("directories").asLong()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void excludeLeavesOutWhatItMatchesAndEverythingBelowIt(Format format) throws Exception {
        Installation inst = backedUp(format, false);
        Path dest = dir.resolve("dest");

        Cli.Result r = recover(inst, dest, "--exclude", "src/links", "--exclude", "**/*.bin");

        assertThat(r.exitCode()).as(r.all()).isZero();
        List<String> expected = new ArrayList<>(List.of("src"));
        paths(inst.source()).stream().filter(p -> !p.equals("links") && !p.startsWith("links/") && !p.endsWith(".bin"))
                .map(p -> "src/" + p).forEach(expected::add);
        assertThat(paths(dest)).containsExactlyElementsOf(expected.stream().sorted().toList());
        assertThat(dest.resolve("src/" + SampleTree.LONG_PATH)).hasSameBinaryContentAs(inst.source().resolve(SampleTree.LONG_PATH));
        assertThat(dest.resolve("src/private/secret.txt")).hasContent("s3cret");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void anIncludeThatMatchesNothingFailsNamingItAndWritesNothing(Format format) throws Exception {
        Installation inst = backedUp(format, false);
        Path dest = dir.resolve("dest");

        Cli.Result r = recover(inst, dest, "--include", "src/nested", "--include", "src/no-such/**", "--include", "nested");

        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err().strip()).matches("backroute: error: --include 'src/no-such/\\*\\*', 'nested' matched no path in backup "
                + ID + ": nothing was restored; list its paths with backroute ls");
        assertNothingWritten(dest);
    }

    @Test
    void anIncludeWhoseEveryMatchIsExcludedSelectsNothing() throws Exception {
        Installation inst = backedUp(Format.ARCHIVE, false);
        Path dest = dir.resolve("dest");

        Cli.Result r = recover(inst, dest, "--include", "src/private/*", "--exclude", "src/private");

        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err().strip()).matches("backroute: error: --include 'src/private/\\*' matched no path that --exclude keeps"
                + " in backup " + ID + ": nothing was restored; list its paths with backroute ls");
        assertNothingWritten(dest);
    }

    @Test
    void anExcludeOfEverythingFailsAndWritesNothing() throws Exception {
        Installation inst = backedUp(Format.REPOSITORY, false);
        Path dest = dir.resolve("dest");

        Cli.Result r = recover(inst, dest, "--exclude", "*");

        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err().strip()).matches("backroute: error: --exclude '\\*' leaves no path of backup " + ID + ": nothing was restored");
        assertNothingWritten(dest);
    }

    @Test
    void anAbsolutePatternIsAUsageError() throws Exception {
        Installation inst = backedUp(Format.ARCHIVE, false);
        Path dest = dir.resolve("dest");

        Cli.Result r = recover(inst, dest, "--include", "/src/nested");

        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("backroute: error: --include '/src/nested': paths in a backup are relative, as"
                + " backroute ls shows them: drop the leading '/'");
        assertThat(dest).doesNotExist();
    }

    @Test
    void tableOnABackupOfFilesIsAUsageError() throws Exception {
        Installation inst = backedUp(Format.ARCHIVE, false);
        Path dest = dir.resolve("dest");

        Cli.Result r = recover(inst, dest, "--table", "movies");

        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("backroute: error: --table and --schema apply only to restoring a PostgreSQL"
                + " backup into a server (postgresql://…); this one is of kind files into a directory");
        assertThat(dest).doesNotExist();
    }

    @Test
    void overwriteReplacesTheSelectedEntriesAndKeepsTheirNeighbours() throws Exception {
        Installation inst = backedUp(Format.REPOSITORY, false);
        Path dest = Files.createDirectories(dir.resolve("dest/src/nested"));
        Files.writeString(dest.resolve("leaf.txt"), "stale");
        Files.writeString(dir.resolve("dest/src/readonly.txt"), "local edit");
        Files.writeString(dir.resolve("dest/src/mine.txt"), "kept");

        Cli.Result r = recover(inst, dir.resolve("dest"), "--include", "src/nested/deeper", "--include", "src/readonly.txt",
                "--overwrite");

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(paths(dir.resolve("dest"))).containsExactly("src", "src/mine.txt", "src/nested", "src/nested/deeper",
                "src/nested/deeper/leaf.txt", "src/nested/leaf.txt", "src/readonly.txt");
        assertThat(dir.resolve("dest/src/readonly.txt")).hasContent("do not touch");
        assertThat(dir.resolve("dest/src/mine.txt")).hasContent("kept");
        assertThat(dest.resolve("leaf.txt")).hasContent("stale");
        assertThat(dest.resolve("deeper/leaf.txt")).hasContent("leaf");
    }

    /**
     * A selective restore reads the tree and the chunks of what it restores: damage there fails it and writes nothing;
     * damage in a file it does not restore is left for validate, which reads everything.
     */
    @Test
    void aDamagedChunkOfARestoredFileFailsTheRestoreAndValidateFindsWhatASelectiveRestoreDoesNotRead() throws Exception {
        Installation inst = backedUp(Format.REPOSITORY, true);
        // random.bin is 3 MiB of the ~3 MiB backed up: the middle of a pack of 1 MiB lies in one of its chunks.
        Path pack = RepositoryFolder.of(inst.typeFolder()).packs().stream().filter(p -> size(p) > 900_000).findFirst().orElseThrow();
        Tampering.flipMiddleByte(pack);
        String packName = RepositoryFolder.of(inst.typeFolder()).root().relativize(pack).toString();

        Path dest = dir.resolve("dest");
        Cli.Result damaged = recover(inst, dest, "--include", "src/random.bin");
        assertThat(damaged.exitCode()).as(damaged.all()).isEqualTo(1);
        assertThat(damaged.err()).startsWith("backroute: error: ").contains(packName);
        assertNothingWritten(dest);

        Cli.Result elsewhere = recover(inst, dest, "--include", "src/nested");
        assertThat(elsewhere.exitCode()).as(elsewhere.all()).isZero();
        TreeAssert.assertSameTree(inst.source().resolve("nested"), dest.resolve("src/nested"));

        Cli.Result validate = Cli.withConfig(inst.config(), "validate", "--type", "data_files", "--latest");
        assertThat(validate.exitCode()).as(validate.all()).isEqualTo(1);
        assertThat(validate.out()).contains("INVALID").contains(packName);
    }

    private void assertNothingWritten(Path dest) throws IOException {
        assertThat(dest).doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("restore"));
        }
    }

    /** Every path below {@code root}, relative and '/'-separated, sorted. */
    private static List<String> paths(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
