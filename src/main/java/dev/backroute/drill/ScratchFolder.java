package dev.backroute.drill;

import dev.backroute.config.SourceConfig;
import dev.backroute.restore.RecoveryService;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A scratch target that is a new folder on the drill host, {@code <parent>/<base>_drill_<stamp>}: recover restores into
 * it as into any new folder (and refuses one that is not empty), and the drill deletes it afterwards.
 */
public abstract class ScratchFolder implements Scratch {
    /** The work folder recover fills before moving it into place, which a drill killed while restoring leaves. */
    private static final Pattern RESTORE_WORK = Pattern.compile("\\.(.+)\\.backroute-restore-[0-9a-f-]{36}");
    private static final Set<PosixFilePermission> OWNER_RWX = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_EXECUTE);

    protected final Path folder;

    protected ScratchFolder(Path folder) {
        this.folder = folder;
    }

    /**
     * Deletes, in {@code parent}, what earlier drills left of {@code base}'s scratch folders (a kept one, or a killed
     * drill's, and the work folder of a restore it was killed in), saying so; then names this drill's folder there.
     */
    protected static Path sweepThenName(Drill drill, Path parent, String base) throws IOException {
        if (Files.isDirectory(parent)) {
            List<Path> left;
            try (Stream<Path> entries = Files.list(parent)) {
                left = entries.filter(e -> isLeftover(base, e.getFileName().toString())).toList();
            }
            for (Path leftover : left) {
                drill.say().accept("removing " + leftover + ", left by an earlier drill of " + drill.type().name());
                deleteTree(leftover);
            }
        }
        return parent.resolve(drill.scratchName(base));
    }

    private static boolean isLeftover(String base, String name) {
        Matcher work = RESTORE_WORK.matcher(name);
        return Drill.isScratchOf(base, work.matches() ? work.group(1) : name);
    }

    @Override
    public final String destination() {
        return folder.toString();
    }

    @Override
    public final String describe() {
        return "folder " + folder;
    }

    @Override
    public final RecoveryService.Options options() {
        return RecoveryService.Options.whole(false);
    }

    @Override
    public final SourceConfig server() {
        return null;
    }

    @Override
    public final void remove() throws IOException {
        deleteTree(folder);
    }

    /** Deletes a folder and what it holds, links as links (never what they point at). */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                // A restored folder keeps its backed-up mode; 0555 would keep its entries from being deleted.
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
                if (!mode.containsAll(OWNER_RWX)) {
                    mode.addAll(OWNER_RWX);
                    Files.setPosixFilePermissions(dir, mode);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
