package dev.backroute.archive;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TarWriterSourceChangesTest {

    private static final int SIZE = 100_000;

    @TempDir
    Path temp;
    Path data;
    Path restore;

    @BeforeEach
    void createSource() throws IOException {
        data = Files.createDirectories(temp.resolve("data"));
        byte[] content = new byte[SIZE];
        Arrays.fill(content, (byte) 'a');
        Files.write(data.resolve("moving.bin"), content);
        Files.writeString(data.resolve("steady.txt"), "steady");
        restore = Files.createDirectory(temp.resolve("restore"));
    }

    @Test
    void fileThatShrinksWhileReadKeepsItsHeaderSizePaddedWithZeros() throws IOException {
        Archives.Written written = writeOpeningWith(file -> {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(SIZE / 2);
            }
            return SourceOpener.FILES.open(file);
        });

        assertThat(written.summary().problems()).containsExactly(new TarProblem("d/moving.bin", "changed while being read"));
        Archives.extract(written.bytes(), restore);
        byte[] restored = Files.readAllBytes(restore.resolve("d/moving.bin"));
        assertThat(restored).hasSize(SIZE);
        assertThat(restored[SIZE / 2 - 1]).isEqualTo((byte) 'a');
        assertThat(restored[SIZE / 2]).isZero();
        assertThat(restore.resolve("d/steady.txt")).hasContent("steady");
    }

    @Test
    void aVisitorIsToldWhichFilesWereNotReadWhole() throws IOException {
        SourceOpener failsAfterTenBytes = file -> new java.io.FilterInputStream(SourceOpener.FILES.open(file)) {
            private int read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read >= 10) {
                    throw new IOException("Input/output error");
                }
                int n = super.read(b, off, Math.min(len, 10 - read));
                read += n;
                return n;
            }
        };
        SourceOpener selective = file -> file.getFileName().toString().equals("moving.bin")
                ? failsAfterTenBytes.open(file) : SourceOpener.FILES.open(file);
        java.util.Map<String, Boolean> whole = new java.util.LinkedHashMap<>();
        SourceVisitor recording = new SourceVisitor() {
            private String name;

            @Override
            public void directory(String name, SourceStat stat) {}

            @Override
            public void symlink(String name, SourceStat stat, String target) {}

            @Override
            public boolean unchanged(String name, SourceStat stat) {
                return false;
            }

            @Override
            public OutputStream beginFile(String name, SourceStat stat) {
                this.name = name;
                return OutputStream.nullOutputStream();
            }

            @Override
            public void endFile(boolean readWhole) {
                whole.put(name, readWhole);
            }
        };

        TarSummary summary = new TarWriter(List.of(), Set.of(), selective).visit(List.of(new TarRoot(data, "d")), recording);

        assertThat(whole).containsExactly(java.util.Map.entry("d/moving.bin", false), java.util.Map.entry("d/steady.txt", true));
        assertThat(summary.problems()).extracting(TarProblem::path).containsExactly("d/moving.bin");
    }

    @Test
    void fileThatGrowsWhileReadIsCutAtItsHeaderSize() throws IOException {
        Archives.Written written = writeOpeningWith(file -> {
            Files.writeString(file, "more", StandardOpenOption.APPEND);
            return SourceOpener.FILES.open(file);
        });

        assertThat(written.summary().problems()).containsExactly(new TarProblem("d/moving.bin", "changed while being read"));
        Archives.extract(written.bytes(), restore);
        assertThat(restore.resolve("d/moving.bin")).hasSize(SIZE);
    }

    @Test
    void fileThatVanishesBeforeItIsReadIsReportedAndLeftOut() throws IOException {
        Archives.Written written = writeOpeningWith(file -> {
            Files.delete(file);
            return SourceOpener.FILES.open(file);
        });

        assertThat(written.summary().problems()).containsExactly(new TarProblem("d/moving.bin", "vanished before it was read"));
        assertThat(written.summary().files()).isEqualTo(1);
        Archives.extract(written.bytes(), restore);
        assertThat(Archives.listing(restore)).containsExactly("d", "d/steady.txt");
    }

    @Test
    void unreadableFileIsReportedAndTheBackupGoesOn() throws IOException {
        Archives.Written written = writeOpeningWith(file -> {
            throw new AccessDeniedException(file.toString());
        });

        assertThat(written.summary().problems()).singleElement()
                .satisfies(p -> assertThat(p.problem()).startsWith("could not be read (AccessDeniedException"));
        Archives.extract(written.bytes(), restore);
        assertThat(Archives.listing(restore)).containsExactly("d", "d/steady.txt");
    }

    @Test
    void fifoIsSkippedWithAProblem() throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", data.resolve("pipe").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();

        Archives.Written written = Archives.write(new TarRoot(data, "d"));

        assertThat(written.summary().problems())
                .containsExactly(new TarProblem("d/pipe", "skipped: not a regular file, directory or symbolic link"));
        assertThat(written.summary().files()).isEqualTo(2);
    }

    @Test
    void failureToWriteTheArchivePropagates() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }
        };
        TarWriter writer = new TarWriter(List.of(), Set.of());

        assertThatThrownBy(() -> writer.write(List.of(new TarRoot(data, "d")), broken)).hasMessageContaining("disk full");
    }

    @Test
    void archiveWithProblemsIsStillAValidArchive() throws IOException {
        Archives.Written written = writeOpeningWith(file -> {
            Files.writeString(file, "short");
            return SourceOpener.FILES.open(file);
        });

        assertThat(TarExtractor.scan(new ByteArrayInputStream(written.bytes())).contentBytes()).isEqualTo(SIZE + "steady".length());
    }

    /** Writes {@code data}, opening moving.bin through {@code opener} and everything else normally. */
    private Archives.Written writeOpeningWith(SourceOpener opener) throws IOException {
        SourceOpener selective = file -> file.getFileName().toString().equals("moving.bin")
                ? opener.open(file) : SourceOpener.FILES.open(file);
        return Archives.write(new TarWriter(List.of(), Set.of(), selective), new TarRoot(data, "d"));
    }
}
