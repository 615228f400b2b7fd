package dev.backroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backroute.crypto.Keyset;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.Installation;
import dev.backroute.testsupport.JsonSchemas;
import dev.backroute.testsupport.RepositoryBackups;
import dev.backroute.testsupport.SampleTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ls} and {@code dump} of files backups in both formats: the entries' modes, owners, sizes and times, a PATH
 * filter, JSON output against its schema, the whole backup as a tar stream real tar lists, one file's bytes, and a
 * damaged backup whose dump stops with exit status 1 saying the output is incomplete.
 */
class LookInsideTest {
    private static final Instant TIME = Instant.parse("2024-05-06T07:08:09Z");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"archive", "repository"})
    void lsShowsModesOwnersSizesTimesAndLinksOfAKnownTree(String format) throws Exception {
        Installation installation = installation(format, "zstd", true);
        Path src = installation.source();
        Files.createDirectories(src.resolve("sub"));
        Files.writeString(src.resolve("a.txt"), "hello\n");
        Files.write(src.resolve("sub/b.bin"), new byte[1000]);
        Files.createSymbolicLink(src.resolve("link"), Path.of("a.txt"));
        mode(src.resolve("a.txt"), "rw-r-----");
        mode(src.resolve("sub/b.bin"), "rw-------");
        mode(src.resolve("sub"), "rwxr-x---");
        mode(src, "rwxr-xr-x");
        for (String p : List.of("link", "sub/b.bin", "sub", "a.txt", "")) {
            Files.getFileAttributeView(src.resolve(p), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(FileTime.from(TIME), null, null);
        }
        backup(installation);
        String who = owner(src);

        Cli.Result ls = Cli.withConfig(installation.config(), "ls", "data_files:latest");
        assertThat(ls.exitCode()).as(ls.all()).isZero();
        assertThat(ls.out().lines()).containsExactly(
                line("drwxr-xr-x", who, 0, "src"),
                line("-rw-r-----", who, 6, "src/a.txt"),
                line("lrwxrwxrwx", who, 0, "src/link -> a.txt"),
                line("drwxr-x---", who, 0, "src/sub"),
                line("-rw-------", who, 1000, "src/sub/b.bin"));

        Cli.Result sub = Cli.withConfig(installation.config(), "ls", "data_files:latest", "./src/sub/");
        assertThat(sub.exitCode()).as(sub.all()).isZero();
        assertThat(sub.out().lines()).containsExactly(line("drwxr-x---", who, 0, "src/sub"), line("-rw-------", who, 1000, "src/sub/b.bin"));

        Cli.Result json = Cli.withConfig(installation.config(), "ls", "data_files:latest", "src/a.txt", "--json");
        JsonNode doc = JsonSchemas.assertMatches("ls", 0, json);
        assertThat(doc.get("kind").asText()).isEqualTo("files");
        assertThat(doc.get("entries")).hasSize(1);
        JsonNode a = doc.get("entries").get(0);
        assertThat(a.get("path").asText()).isEqualTo("src/a.txt");
        assertThat(a.get("mode").asText()).isEqualTo("-rw-r-----");
        assertThat(a.get("size_bytes").asLong()).isEqualTo(6);
        assertThat(Instant.parse(a.get("modified").asText())).isEqualTo(TIME);
        JsonSchemas.assertMatches("ls", 0, Cli.withConfig(installation.config(), "ls", "data_files:latest", "--json"));

        Cli.Result missing = Cli.withConfig(installation.config(), "ls", "data_files:latest", "src/nope");
        String id = doc.get("id").asText();
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.err()).isEqualTo("backroute: error: backup " + id + " has no entry src/nope: run `backroute ls " + id
                + "` to see its paths" + System.lineSeparator());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"archive", "repository"})
    void dumpWritesTheWholeBackupAsATarThatTarListsAndOneFileAsItsBytes(String format) throws Exception {
        Installation installation = installation(format, "gzip", true);
        SampleTree.create(installation.source());
        backup(installation);

        // With a progress line and log lines on stderr: stdout still carries nothing but the tar.
        CliProcess whole = CliProcess.start(Files.createDirectories(dir.resolve("process-whole")),
                Map.of("BACKROUTE_PROGRESS", "always"), "dump", "data_files:latest", "--verbose", "--config", installation.config().toString());
        assertThat(whole.exitStatus()).as(whole.stderr()).isZero();
        assertThat(whole.stderr()).contains("read ");
        Path tar = Files.write(dir.resolve("whole.tar"), whole.stdoutBytes());
        Process list = new ProcessBuilder("tar", "-tf", tar.toString()).redirectErrorStream(true).start();
        List<String> listed = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(list.waitFor()).as(String.join("\n", listed)).isZero();
        List<String> expected = Cli.withConfig(installation.config(), "ls", "data_files:latest").out().lines()
                .map(l -> l.split(" UTC ", 2)[1].replaceFirst(" -> .*", "") + (l.startsWith("d") ? "/" : "")).toList();
        assertThat(listed).containsExactlyElementsOf(expected).contains("src/random.bin", "src/links/leaf", "src/" + SampleTree.LONG_PATH);

        CliProcess one = dump(installation, "one", "data_files:latest", "src/random.bin");
        assertThat(one.exitStatus()).as(one.stderr()).isZero();
        assertThat(one.stdoutBytes()).isEqualTo(Files.readAllBytes(installation.source().resolve("random.bin")));
        assertThat(one.stderr()).isEmpty();

        Cli.Result directory = Cli.withConfig(installation.config(), "dump", "data_files:latest", "src/nested");
        String id = Cli.withConfig(installation.config(), "list", "--json").out().replaceAll("(?s).*\"id\" : \"(data_files_[0-9_]+)\".*", "$1");
        assertThat(directory.exitCode()).isEqualTo(2);
        assertThat(directory.err()).isEqualTo("backroute: error: src/nested is a directory in backup " + id
                + ": give the path of a file, or dump the whole backup as a tar stream without PATH" + System.lineSeparator());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"archive", "repository"})
    void aByteChangedInTheStoredDataMakesDumpExitOneSayingTheOutputIsIncomplete(String format) throws Exception {
        // Neither compressed nor encrypted, so that random.bin's bytes can be found where they are stored.
        Installation installation = installation(format, "none", false);
        SampleTree.create(installation.source());
        backup(installation);
        byte[] random = Files.readAllBytes(installation.source().resolve("random.bin"));
        byte[] late = Arrays.copyOfRange(random, 2_500_000, 2_500_064);
        assertThat(flipWhereStored(installation.typeFolder(), late)).as("random.bin's bytes found in storage").isTrue();

        CliProcess one = dump(installation, "one", "data_files:latest", "src/random.bin");
        assertThat(one.exitStatus()).isEqualTo(1);
        byte[] out = one.stdoutBytes();
        if (format.equals("repository")) {
            // Each chunk is authenticated before a byte of it goes out: what went out is a true prefix of the file.
            assertThat(out.length).as("bytes written before the damaged chunk").isPositive().isLessThan(random.length);
            assertThat(out).isEqualTo(Arrays.copyOf(random, out.length));
        } else {
            // An archive is verified as a whole once read to its end: the changed file went out, and only the exit says so.
            assertThat(out).hasSameSizeAs(random).isNotEqualTo(random);
        }
        assertThat(one.stderr().lines().toList()).hasSize(1);
        assertThat(one.stderr()).startsWith("backroute: error: the output is incomplete or corrupt, discard it: backup data_files_");

        CliProcess whole = dump(installation, "whole", "data_files:latest");
        assertThat(whole.exitStatus()).isEqualTo(1);
        assertThat(whole.stdoutBytes()).isNotEmpty();
        assertThat(whole.stderr().lines().toList()).hasSize(1);
        assertThat(whole.stderr()).startsWith("backroute: error: the output is incomplete or corrupt, discard it: backup data_files_");
    }

    @Test
    void aChangedSnapshotIsRefusedBeforeAnythingIsWritten() throws Exception {
        Installation installation = installation("repository", "zstd", true);
        SampleTree.create(installation.source());
        backup(installation);
        Path snapshot;
        try (var snapshots = Files.list(installation.typeFolder().resolve("repository/snapshots"))) {
            snapshot = snapshots.findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(snapshot);
        bytes[bytes.length / 2] ^= 1;
        Files.write(snapshot, bytes);

        CliProcess whole = dump(installation, "whole", "data_files:latest");
        assertThat(whole.exitStatus()).isEqualTo(1);
        assertThat(whole.stdoutBytes()).isEmpty();
        assertThat(whole.stderr().lines().toList()).hasSize(1);
        assertThat(whole.stderr()).startsWith("backroute: error: backup data_files_").contains(snapshot.getFileName().toString())
                .doesNotContain("incomplete");
        Cli.Result ls = Cli.withConfig(installation.config(), "ls", "data_files:latest");
        assertThat(ls.exitCode()).isEqualTo(1);
        assertThat(ls.out()).isEmpty();
        assertThat(ls.err()).contains(snapshot.getFileName().toString());
    }

    private Installation installation(String format, String compression, boolean encrypt) throws IOException {
        Installation installation = Installation.in(dir).write(compression, encrypt,
                "repository".equals(format) ? RepositoryBackups.SMALL_CHUNKS : "");
        if (encrypt) {
            Keyset.generate(installation.keyset());
        }
        Files.createDirectories(installation.source());
        return installation;
    }

    private static void backup(Installation installation) {
        Cli.Result backup = Cli.withConfig(installation.config(), "backup", "--type", "data_files");
        assertThat(backup.exitCode()).as(backup.all()).isZero();
    }

    private CliProcess dump(Installation installation, String name, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("dump"));
        all.addAll(List.of(args));
        all.addAll(List.of("--config", installation.config().toString()));
        return CliProcess.start(Files.createDirectories(dir.resolve("process-" + name)), all.toArray(String[]::new));
    }

    private static String line(String mode, String owner, long size, String name) {
        return String.format("%s %-17s %12d %s %s", mode, owner, size, "2024-05-06 07:08:09 UTC", name);
    }

    private static String owner(Path p) throws IOException {
        PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return a.owner().getName() + "/" + a.group().getName();
    }

    private static void mode(Path p, String permissions) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(permissions));
    }

    /** Flips one byte inside the first stored copy of {@code bytes} under {@code folder}; false when none holds them. */
    private static boolean flipWhereStored(Path folder, byte[] bytes) throws IOException {
        try (var files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] content = Files.readAllBytes(f);
                int at = indexOf(content, bytes);
                if (at >= 0) {
                    content[at + bytes.length / 2] ^= 1;
                    Files.write(f, content);
                    return true;
                }
            }
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
