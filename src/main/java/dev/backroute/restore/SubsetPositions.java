package dev.backroute.restore;

import dev.backroute.repository.SubsetPosition;
import dev.backroute.storage.OwnerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;

/**
 * Where each repository's subset checks stand in their rotation, one small owner-only file per type and target:
 * {@code backup_dir/.state/validate/<type>.<target>}, two lines ({@code runs=N}, {@code last_pack=<id>}). A file that
 * is missing or unreadable only restarts the rotation from its first group; every pack is still read within the
 * rotation that follows.
 */
final class SubsetPositions {
    private static final Logger LOG = LoggerFactory.getLogger(SubsetPositions.class);
    private static final String RUNS = "runs=";
    private static final String LAST_PACK = "last_pack=";

    private final Path dir;

    SubsetPositions(Path backupDir) {
        this.dir = backupDir.resolve(".state").resolve("validate");
    }

    SubsetPosition read(String type, String target) {
        Path file = dir.resolve(type + "." + target);
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            long runs = Long.parseLong(value(lines, RUNS, "0"));
            String lastPack = value(lines, LAST_PACK, "");
            return new SubsetPosition(runs, lastPack.isEmpty() ? null : lastPack);
        } catch (NoSuchFileException e) {
            return SubsetPosition.START;
        } catch (IOException | RuntimeException e) {
            LOG.warn("the rotation position in {} cannot be read ({}): the rotation of {} on {} starts again", file, e.getMessage(), type, target);
            return SubsetPosition.START;
        }
    }

    /** Replaces the file whole (a temporary file moved into place), so a crash leaves the old position or the new one. */
    void write(String type, String target, SubsetPosition position) throws IOException {
        OwnerOnly.createDirectories(dir);
        Path file = dir.resolve(type + "." + target);
        Path tmp = dir.resolve(".tmp-" + UUID.randomUUID());
        String text = RUNS + position.runs() + "\n" + LAST_PACK + (position.lastPack() == null ? "" : position.lastPack()) + "\n";
        try {
            Files.writeString(Files.createFile(tmp, OwnerOnly.fileAttribute()), text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String value(List<String> lines, String key, String fallback) {
        return lines.stream().filter(l -> l.startsWith(key)).map(l -> l.substring(key.length())).findFirst().orElse(fallback);
    }
}
