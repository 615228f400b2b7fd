package dev.backroute.restore;

import dev.backroute.repository.TreeEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

import java.time.Instant;

/**
 * One entry of a files backup as {@code ls} shows it, whichever format holds it: what a restore gives back (kind,
 * permission bits, owner, modification time), its size, and a link's target.
 *
 * @param path   relative, '/'-separated, without a trailing '/'
 * @param mode   the permission bits (setuid, setgid and sticky included), not the file type
 * @param target a symbolic link's target text, a hard link's target path; else null
 */
public record BackupEntry(Kind kind, String path, int mode, long uid, long gid, String owner, String group, long size,
        Instant modified, String target) {

    public enum Kind { FILE, DIRECTORY, SYMLINK, HARDLINK }

    static BackupEntry of(TreeEntry entry) {
        TreeEntry.Attributes a = entry.attributes();
        Kind kind = switch (entry.kind()) {
            case FILE -> Kind.FILE;
            case DIRECTORY -> Kind.DIRECTORY;
            case SYMLINK -> Kind.SYMLINK;
        };
        return new BackupEntry(kind, entry.path(), a.mode() & 07777, a.uid(), a.gid(), a.owner(), a.group(), entry.size(),
                a.modified(), entry.linkTarget());
    }

    /** An entry the archive's extractor admitted, under the path it normalized. */
    static BackupEntry of(String path, TarArchiveEntry header) {
        Kind kind = header.isDirectory() ? Kind.DIRECTORY : header.isSymbolicLink() ? Kind.SYMLINK
                : header.isLink() ? Kind.HARDLINK : Kind.FILE;
        return new BackupEntry(kind, path, header.getMode() & 07777, header.getLongUserId(), header.getLongGroupId(),
                header.getUserName(), header.getGroupName(), kind == Kind.FILE ? header.getRealSize() : 0,
                header.getLastModifiedTime().toInstant(), kind == Kind.SYMLINK || kind == Kind.HARDLINK ? header.getLinkName() : null);
    }

    /**
     * A path as an operator types it ({@code ./src/dir/}) as entries name it ({@code src/dir}); null for the whole backup
     * ({@code null}, empty or {@code .}).
     */
    public static String pathOf(String typed) {
        if (typed == null) {
            return null;
        }
        String path = typed;
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path.isEmpty() || path.equals(".") ? null : path;
    }

    /** Whether this is {@code path} or lies below it; a null {@code path} takes every entry. */
    public boolean within(String path) {
        return path == null || this.path.equals(path) || this.path.startsWith(path + "/");
    }

    /** The mode as {@code ls -l} prints it: {@code drwxr-xr-x}, {@code -rwsr-x--T}. */
    public String modeString() {
        char type = switch (kind) {
            case DIRECTORY -> 'd';
            case SYMLINK -> 'l';
            case FILE, HARDLINK -> '-';
        };
        StringBuilder s = new StringBuilder().append(type);
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            s.append((mode & (0400 >> i)) != 0 ? rwx.charAt(i) : '-');
        }
        special(s, 3, 04000, 's');
        special(s, 6, 02000, 's');
        special(s, 9, 01000, 't');
        return s.toString();
    }

    /** setuid, setgid and sticky take the place of an execute bit: lower case over an x, upper case over a '-'. */
    private void special(StringBuilder s, int at, int bit, char letter) {
        if ((mode & bit) != 0) {
            s.setCharAt(at, s.charAt(at) == 'x' ? letter : Character.toUpperCase(letter));
        }
    }
}
