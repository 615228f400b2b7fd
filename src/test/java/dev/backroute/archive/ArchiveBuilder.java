package dev.backroute.archive;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Hand-made archives, including ones TarWriter would never produce. Names are kept verbatim. */
final class ArchiveBuilder {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name());

    ArchiveBuilder() {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    ArchiveBuilder file(String name, String content) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = entry(name, TarConstants.LF_NORMAL);
        entry.setSize(data.length);
        return put(entry, data);
    }

    ArchiveBuilder directory(String name) {
        return put(entry(name, TarConstants.LF_DIR), new byte[0]);
    }

    ArchiveBuilder directory(String name, int mode) {
        TarArchiveEntry entry = entry(name, TarConstants.LF_DIR);
        entry.setMode(mode);
        return put(entry, new byte[0]);
    }

    ArchiveBuilder symlink(String name, String target) {
        TarArchiveEntry entry = entry(name, TarConstants.LF_SYMLINK);
        entry.setLinkName(target);
        return put(entry, new byte[0]);
    }

    ArchiveBuilder hardLink(String name, String target) {
        TarArchiveEntry entry = entry(name, TarConstants.LF_LINK);
        entry.setLinkName(target);
        return put(entry, new byte[0]);
    }

    ArchiveBuilder special(String name, byte linkFlag) {
        return put(entry(name, linkFlag), new byte[0]);
    }

    byte[] build() {
        try {
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static TarArchiveEntry entry(String name, byte linkFlag) {
        TarArchiveEntry entry = new TarArchiveEntry(name, linkFlag, true);
        entry.setMode(linkFlag == TarConstants.LF_DIR ? 0755 : 0644);
        return entry;
    }

    private ArchiveBuilder put(TarArchiveEntry entry, byte[] data) {
        try {
            tar.putArchiveEntry(entry);
            tar.write(data);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
