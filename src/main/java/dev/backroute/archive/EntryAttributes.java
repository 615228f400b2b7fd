package dev.backroute.archive;

import com.sun.security.auth.module.UnixSystem;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;

/** The metadata of an archive entry that gets restored onto the created path. */
record EntryAttributes(int mode, FileTime modified, long uid, long gid) {

    // Only root may give files away; anyone else keeps them, as GNU tar does. (Asking who owns
    // "/" would not tell: that is root for every caller.)
    private static final boolean RUNNING_AS_ROOT = new UnixSystem().getUid() == 0;
    private static final int PERMISSION_MASK = 07777;

    static EntryAttributes of(TarArchiveEntry header) {
        return new EntryAttributes(header.getMode() & PERMISSION_MASK, header.getLastModifiedTime(),
                header.getLongUserId(), header.getLongGroupId());
    }

    /**
     * Order matters: chown clears setuid/setgid, so the mode comes after it, and the time comes
     * last. Links get no mode: Linux has none for them.
     */
    void applyTo(Path path, EntryKind kind) throws IOException {
        if (RUNNING_AS_ROOT) {
            Files.setAttribute(path, "unix:uid", (int) uid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", (int) gid, LinkOption.NOFOLLOW_LINKS);
        }
        if (kind != EntryKind.SYMLINK) {
            // "unix:mode" rather than PosixFilePermissions, which cannot express setuid/setgid/sticky.
            Files.setAttribute(path, "unix:mode", mode);
        }
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(modified, null, null);
    }
}
