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

/** The metadata of one source path (not following links), as it will go into its tar header. */
record SourceStat(int mode, long uid, long gid, String owner, String group, long size, FileTime modified) {

    private static final int TYPE_MASK = 0170000;
    private static final int REGULAR = 0100000;
    private static final int DIRECTORY = 0040000;
    private static final int SYMLINK = 0120000;
    private static final int PERMISSION_MASK = 07777;

    static SourceStat of(Path path) throws IOException {
        // One lstat for everything; the "unix" view also carries the numeric ids tar needs.
        Map<String, Object> a = Files.readAttributes(path,
                "unix:mode,uid,gid,owner,group,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        return new SourceStat((Integer) a.get("mode"),
                Integer.toUnsignedLong((Integer) a.get("uid")),
                Integer.toUnsignedLong((Integer) a.get("gid")),
                ((UserPrincipal) a.get("owner")).getName(),
                ((GroupPrincipal) a.get("group")).getName(),
                (Long) a.get("size"),
                (FileTime) a.get("lastModifiedTime"));
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

    /** GNU tar's test for "file changed as we read it", minus ctime which Java does not expose. */
    boolean sameContentAs(SourceStat other) {
        return size == other.size && modified.equals(other.modified);
    }

    /**
     * A header carrying this metadata. Built field by field rather than from the path so that no
     * access time slips in: atime changes on every read and would make two backups of the same
     * tree differ.
     */
    TarArchiveEntry header(String name, byte linkFlag) {
        TarArchiveEntry header = new TarArchiveEntry(name, linkFlag);
        header.setMode(mode & PERMISSION_MASK);
        header.setUserId(uid);
        header.setGroupId(gid);
        header.setUserName(owner);
        header.setGroupName(group);
        header.setLastModifiedTime(modified);
        return header;
    }
}
