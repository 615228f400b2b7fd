package dev.backroute.archive;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;

/**
 * The metadata of one source path (not following links): what goes into its tar header, and the change time
 * and inode that a repository's files cache compares besides size and modification time.
 */
public record SourceStat(int mode, long uid, long gid, String owner, String group, long size, FileTime modified,
        FileTime changed, long inode) {

    private static final int TYPE_MASK = 0170000;
    private static final int REGULAR = 0100000;
    private static final int DIRECTORY = 0040000;
    private static final int SYMLINK = 0120000;
    /** The permission bits a header and a tree entry keep; the file type is in the entry's kind. */
    public static final int PERMISSION_MASK = 07777;

    static SourceStat of(Path path) throws IOException {
        // One lstat for everything; the "unix" view also carries the numeric ids tar needs.
        Map<String, Object> a = Files.readAttributes(path,
                "unix:mode,uid,gid,owner,group,size,lastModifiedTime,ctime,ino", LinkOption.NOFOLLOW_LINKS);
        return new SourceStat((Integer) a.get("mode"),
                Integer.toUnsignedLong((Integer) a.get("uid")),
                Integer.toUnsignedLong((Integer) a.get("gid")),
                ((UserPrincipal) a.get("owner")).getName(),
                ((GroupPrincipal) a.get("group")).getName(),
                (Long) a.get("size"),
                (FileTime) a.get("lastModifiedTime"),
                (FileTime) a.get("ctime"),
                (Long) a.get("ino"));
    }

    boolean isRegularFile() {
        return (mode & TYPE_MASK) == REGULAR;
    }

    boolean isDirectory() {
        return (mode & TYPE_MASK) == DIRECTORY;
    }

    boolean isSymbolicLink() {
        return (mode & TYPE_MASK) == SYMLINK;
    }

    /** GNU tar's test for "file changed as we read it": size, modification and change time. */
    boolean sameContentAs(SourceStat other) {
        return size == other.size && modified.equals(other.modified) && changed.equals(other.changed);
    }

    /**
     * A header carrying this metadata. Built field by field rather than from the path so that no
     * access time slips in: atime changes on every read and would make two backups of the same
     * tree differ.
     */
    TarArchiveEntry header(String name, byte linkFlag) {
        return TarHeaders.header(name, linkFlag, mode, uid, gid, owner, group, modified);
    }
}
