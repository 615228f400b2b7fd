package dev.backroute.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Builds a directory tree that exercises what a backup must preserve: nesting, an empty directory,
 * empty and binary files, non-ASCII and very long names, relative symbolic links (to a file, to a
 * directory, dangling), modes 0600/0755/0444/0700, fixed modification times and, when the tests run
 * as root, a foreign owner.
 */
public final class SampleTree {

    /** The modification time given to every path of the tree. */
    public static final Instant MTIME = Instant.parse("2001-02-03T04:05:06Z");
    /** Size of {@code random.bin}: several copy buffers, not a multiple of the tar record size. */
    public static final int RANDOM_BYTES = 3 * 1024 * 1024 + 123;
    /** A relative path longer than 255 characters, beyond what ustar headers can hold. */
    public static final String LONG_PATH = "long/" + "d".repeat(60) + "/" + "e".repeat(60) + "/" + "f".repeat(60)
            + "/" + "g".repeat(60) + "/" + "h".repeat(50) + ".txt";
    public static final String FOREIGN_OWNED = "nested/owned-by-4321.txt";
    private static final int FOREIGN_ID = 4321;

    private SampleTree() {
    }

    /** Fills {@code dir} (existing, empty) with the sample tree and gives every path {@link #MTIME}. */
    public static void create(Path dir) throws IOException {
        file(dir, "nested/deeper/leaf.txt", "leaf\n", "rw-------");
        Files.createDirectories(dir.resolve("empty-dir"));
        file(dir, "zero.bin", "", "rw-r--r--");
        randomFile(dir.resolve("random.bin"));
        file(dir, "Amélie (2001)/résumé.txt", "naïve café\n", "rw-r--r--");
        file(dir, "千と千尋.json", "{\"title\": \"千と千尋の神隠し\"}\n", "rw-r--r--");
        file(dir, LONG_PATH, "far away\n", "rw-r--r--");
        file(dir, "bin/script.sh", "#!/bin/sh\necho hi\n", "rwxr-xr-x");
        file(dir, "readonly.txt", "do not touch\n", "r--r--r--");
        file(dir, "private/secret.txt", "s3cret\n", "rw-------");
        file(dir, FOREIGN_OWNED, "theirs\n", "rw-r--r--");
        Files.createDirectories(dir.resolve("links"));
        Files.createSymbolicLink(dir.resolve("links/leaf"), Path.of("../nested/deeper/leaf.txt"));
        Files.createSymbolicLink(dir.resolve("links/to-nested"), Path.of("../nested"));
        Files.createSymbolicLink(dir.resolve("links/dangling"), Path.of("../no-such-file"));
        Files.createSymbolicLink(dir.resolve("links/千"), Path.of("../千と千尋.json"));
        Files.setPosixFilePermissions(dir.resolve("private"), PosixFilePermissions.fromString("rwx------"));
        if (TreeAssert.runningAsRoot()) {
            Files.setAttribute(dir.resolve(FOREIGN_OWNED), "unix:uid", FOREIGN_ID);
            Files.setAttribute(dir.resolve(FOREIGN_OWNED), "unix:gid", FOREIGN_ID);
        }
        setAllTimes(dir);
    }

    private static void file(Path dir, String relative, String content, String permissions) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    }

    private static void randomFile(Path file) throws IOException {
        Random random = new Random(42);
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int left = RANDOM_BYTES; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, Math.min(chunk.length, left));
            }
        }
    }

    // Deepest first, so setting a child's time cannot disturb its parent's afterwards.
    private static void setAllTimes(Path dir) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(dir)) {
            all = walk.filter(p -> !p.equals(dir)).sorted(Comparator.reverseOrder()).toList();
        }
        FileTime time = FileTime.from(MTIME);
        all.forEach(p -> {
            try {
                Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setTimes(time, null, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
