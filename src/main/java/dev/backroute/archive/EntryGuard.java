package dev.backroute.archive;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides from the archive alone whether an entry may be restored, so that scan and extract
 * refuse exactly the same archives. It remembers which paths earlier entries made symbolic links
 * or directories.
 *
 * <p>Why this keeps everything inside the restore directory:
 * <ul>
 * <li>names are relative and have no '..', and no entry is placed below a symbolic link, so every
 *     entry's parent chain consists of real directories;</li>
 * <li>a directory is never replaced by anything else, so that stays true for the whole archive;</li>
 * <li>a link target may climb with leading '..' only, then descend. The climb runs along the link's
 *     own real parent chain and must not pass the top; the descent can only meet real directories
 *     or links obeying the same rule. A '..' after a descending step is refused: after a link such
 *     as {@code d -> .} it would climb from somewhere else than it seems.</li>
 * </ul>
 */
final class EntryGuard {

    private final Set<String> symlinks = new HashSet<>();
    private final Set<String> directories = new HashSet<>();

    AdmittedEntry admit(TarArchiveEntry header) throws UnsafeEntryException {
        String name = header.getName();
        EntryKind kind = EntryKind.of(header).orElseThrow(() -> new UnsafeEntryException(name,
                "has unsupported type '" + (char) header.getLinkFlag() + "' (only files, directories and links are restored)"));
        List<String> segments = relativeSegments(name, name, "");
        String path = String.join("/", segments);
        requireNoSymlinkAbove(name, segments);
        if (kind != EntryKind.DIRECTORY && (path.isEmpty() || directories.contains(path))) {
            throw new UnsafeEntryException(name, "would replace a directory");
        }
        String linkTarget = switch (kind) {
            case SYMLINK -> checkedSymlinkTarget(name, segments, header.getLinkName());
            case HARDLINK -> checkedHardLinkTarget(name, path, header.getLinkName());
            case FILE, DIRECTORY -> null;
        };
        record(kind, segments, path);
        return new AdmittedEntry(name, path, kind, linkTarget);
    }

    private void record(EntryKind kind, List<String> segments, String path) {
        for (int i = 1; i < segments.size(); i++) {
            directories.add(String.join("/", segments.subList(0, i)));
        }
        symlinks.remove(path);
        if (kind == EntryKind.SYMLINK) {
            symlinks.add(path);
        } else if (kind == EntryKind.DIRECTORY) {
            directories.add(path);
        }
    }

    private void requireNoSymlinkAbove(String name, List<String> segments) throws UnsafeEntryException {
        for (int i = 1; i < segments.size(); i++) {
            String ancestor = String.join("/", segments.subList(0, i));
            if (symlinks.contains(ancestor)) {
                throw new UnsafeEntryException(name, "would be written through the symbolic link '" + ancestor + "'");
            }
        }
    }

    private String checkedSymlinkTarget(String name, List<String> segments, String target) throws UnsafeEntryException {
        if (target.isEmpty()) {
            throw new UnsafeEntryException(name, "is a symbolic link with an empty target");
        }
        if (target.startsWith("/")) {
            throw new UnsafeEntryException(name, "is a symbolic link to the absolute path '" + target + "'");
        }
        int climb = 0;
        boolean descended = false;
        for (String segment : target.split("/")) {
            if (segment.equals("..")) {
                if (descended) {
                    throw new UnsafeEntryException(name, "is a symbolic link whose target '" + target
                            + "' climbs with '..' after descending");
                }
                climb++;
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                descended = true;
            }
        }
        if (climb > segments.size() - 1) {
            throw new UnsafeEntryException(name, "is a symbolic link pointing outside the restore directory ('" + target + "')");
        }
        return target;
    }

    private String checkedHardLinkTarget(String name, String path, String target) throws UnsafeEntryException {
        List<String> segments = relativeSegments(name, target, "is a hard link whose target ");
        requireNoSymlinkAbove(name, segments);
        String targetPath = String.join("/", segments);
        // link(2) does not follow links: linking to a symbolic link would copy it to another directory.
        if (symlinks.contains(targetPath) || directories.contains(targetPath) || targetPath.isEmpty()
                || targetPath.equals(path)) {
            throw new UnsafeEntryException(name, "is a hard link to '" + target + "', which is not an earlier file");
        }
        return targetPath;
    }

    /** Splits an archive path, dropping "." and empty segments (GNU tar writes "./x" for "x"). */
    private static List<String> relativeSegments(String name, String archivePath, String subject) throws UnsafeEntryException {
        if (archivePath.startsWith("/")) {
            throw new UnsafeEntryException(name, subject + "has an absolute path");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : archivePath.split("/")) {
            if (segment.equals("..")) {
                throw new UnsafeEntryException(name, subject + "has a '..' segment");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return segments;
    }
}
