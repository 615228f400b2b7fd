package dev.backroute.archive;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;

/**
 * How Backroute writes tar: the archive's settings and each header's fields. Shared by the backup of a source
 * tree and by the tar stream rebuilt from a repository snapshot's tree, so both read back alike.
 */
public final class TarHeaders {

    private TarHeaders() {}

    /** A tar stream over {@code out}: GNU tar's 10 KiB blocking; UTF-8 names, with pax records for anything ustar cannot hold. */
    public static TarArchiveOutputStream open(OutputStream out) {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, TarConstants.DEFAULT_BLKSIZE,
                StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        return tar;
    }

    /** A header with exactly these fields: no access or change time, which differ on every backup. */
    public static TarArchiveEntry header(String name, byte linkFlag, int mode, long uid, long gid, String owner, String group,
            FileTime modified) {
        TarArchiveEntry header = new TarArchiveEntry(name, linkFlag);
        header.setMode(mode & SourceStat.PERMISSION_MASK);
        header.setUserId(uid);
        header.setGroupId(gid);
        header.setUserName(owner);
        header.setGroupName(group);
        header.setLastModifiedTime(modified);
        return header;
    }
}
