package dev.backroute.archive;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.IOException;
import java.io.OutputStream;

/** Writes each entry of the walk into a tar stream; an archive has no earlier content, so every file is read. */
final class TarEntryVisitor implements SourceVisitor {

    private final TarArchiveOutputStream tar;

    TarEntryVisitor(TarArchiveOutputStream tar) {
        this.tar = tar;
    }

    @Override
    public void directory(String name, SourceStat stat) throws IOException {
        putEmptyEntry(stat.header(name + "/", TarConstants.LF_DIR));
    }

    @Override
    public void symlink(String name, SourceStat stat, String target) throws IOException {
        TarArchiveEntry header = stat.header(name, TarConstants.LF_SYMLINK);
        header.setLinkName(target);
        putEmptyEntry(header);
    }

    @Override
    public boolean unchanged(String name, SourceStat stat) {
        return false;
    }

    @Override
    public OutputStream beginFile(String name, SourceStat stat) throws IOException {
        TarArchiveEntry header = stat.header(name, TarConstants.LF_NORMAL);
        header.setSize(stat.size());
        tar.putArchiveEntry(header);
        return tar;
    }

    @Override
    public void endFile(boolean whole) throws IOException {
        tar.closeArchiveEntry();
    }

    private void putEmptyEntry(TarArchiveEntry header) throws IOException {
        tar.putArchiveEntry(header);
        tar.closeArchiveEntry();
    }
}
