package dev.backroute.files;

import dev.backroute.archive.TarSummary;
import dev.backroute.config.ConfigException;
import dev.backroute.drill.Drill;
import dev.backroute.drill.DrillCheck;
import dev.backroute.drill.ScratchFolder;
import dev.backroute.storage.OwnerOnly;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A files drill's scratch folder, {@code <directory>/<type>_drill_<stamp>}. The source is safe by construction: the
 * folder is new (recover refuses a folder that is not empty), and its parent may neither lie inside a source path nor
 * hold one, which the config refuses and {@link #open} checks again on the real paths (a symbolic link could make them
 * meet). The restore itself checks every file's content against the backup (the whole artifact's SHA-256, or each
 * file's and the tree's digest in a repository); the drill then counts what is on disk.
 */
final class FilesScratch extends ScratchFolder {
    private final Drill drill;

    private FilesScratch(Drill drill, Path folder) {
        super(folder);
        this.drill = drill;
    }

    /** Removes earlier drills' folders of the type, then names this drill's. */
    static FilesScratch open(Drill drill) throws IOException {
        FilesDrill settings = (FilesDrill) drill.settings().settings();
        Path parent = (settings == null || settings.directory() == null ? drill.workDir() : settings.directory()).toAbsolutePath();
        // Checked before anything is created: making the folder must not write into a source either.
        apart(drill, resolved(parent));
        // What a drill restores is the backup's data: readable by this user only, like the backups themselves.
        Path real = OwnerOnly.createDirectories(parent).toRealPath();
        apart(drill, real); // a link made meanwhile is caught here, before anything is restored
        writableByThisUserAlone(drill, real);
        return new FilesScratch(drill, sweepThenName(drill, real, drill.type().name()));
    }

    /** The config refuses the same overlap by the paths as written; this catches symbolic links that make them meet. */
    private static void apart(Drill drill, Path folder) throws IOException {
        for (Path p : ((FilesSource) drill.type().source()).paths()) {
            Path source = resolved(p);
            if (folder.startsWith(source) || source.startsWith(folder)) {
                String key = "backup_types." + drill.type().name() + ".drill.directory";
                throw new ConfigException(key, key + ": the drill folder " + folder + " overlaps the source path " + source
                        + " (through a symbolic link): a drill must never write where the backup reads; choose a folder outside"
                        + " every source path");
            }
        }
    }

    /**
     * In a folder others may write (/tmp), the predictable scratch names and the sweep's deletes would be open to their
     * links and races, and the restored data to their eyes: the folder must be this user's alone.
     */
    private static void writableByThisUserAlone(Drill drill, Path folder) throws IOException {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(folder);
        if (mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
            String key = "backup_types." + drill.type().name() + ".drill.directory";
            throw new ConfigException(key, key + ": the drill folder " + folder + " can be written by other users (mode "
                    + PosixFilePermissions.toString(mode) + "): choose a folder only this user can write, e.g. a new one, which"
                    + " Backroute creates with mode 700");
        }
    }

    /** {@code path} with every symbolic link of its existing part resolved; the part that does not exist yet appended as is. */
    private static Path resolved(Path path) throws IOException {
        Path existing = path.toAbsolutePath().normalize();
        Path rest = existing.getFileSystem().getPath("");
        while (!Files.exists(existing)) {
            rest = existing.getFileName().resolve(rest);
            existing = existing.getParent();
        }
        return existing.toRealPath().resolve(rest);
    }

    @Override
    public List<DrillCheck> check() throws IOException {
        Map<String, Object> recorded = drill.backup().source();
        List<String> paths = recorded.get("paths") instanceof List<?> l
                ? l.stream().filter(String.class::isInstance).map(String.class::cast).toList() : List.of();
        TarSummary found = RestoredTree.count(folder, paths);
        List<DrillCheck> checks = new ArrayList<>();
        Map<String, Object> counts = found.counts();
        for (String key : List.of("files", "directories", "symlinks", "content_bytes")) {
            Object expected = recorded.get(key);
            String name = key.replace('_', ' ');
            if (expected == null) {
                // A backup made before the count was recorded: nothing to compare, which the record says.
                checks.add(DrillCheck.passed(name, "not recorded by this backup (" + counts.get(key) + " restored)"));
            } else {
                checks.add(expected instanceof Number n && n.longValue() >= 0 ? DrillCheck.same(name, n.longValue(), counts.get(key))
                        : DrillCheck.failed(name, "a count recorded by the backup", "'" + expected + "' recorded, not a count"));
            }
        }
        checks.add(DrillCheck.passed("content digest", "every file's content matched the backup's digests as it was restored"
                + (drill.backup().contentSha256() == null ? "" : ", the whole " + drill.backup().contentSha256())));
        FilesDrill settings = (FilesDrill) drill.settings().settings();
        if (settings != null) {
            for (FilesDrill.GlobAssertion a : settings.assertions()) {
                long matching = matching(a);
                String problem = a.expect().problem(Long.toString(matching));
                checks.add(problem == null ? DrillCheck.passed("assertion " + a.name(), matching + " file(s) match " + a.glob())
                        : DrillCheck.failed("assertion " + a.name(), a.expect() + " file(s) matching " + a.glob(), Long.toString(matching)));
            }
        }
        return checks;
    }

    private long matching(FilesDrill.GlobAssertion a) throws IOException {
        try (var paths = Files.walk(folder)) {
            return paths.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> folder.relativize(p).toString().replace('\\', '/')).filter(a.glob()::matches).count();
        }
    }
}
