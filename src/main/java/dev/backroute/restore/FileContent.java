package dev.backroute.restore;

import dev.backroute.Errors;
import dev.backroute.pipeline.DigestingInputStream;
import dev.backroute.repository.Repository;
import dev.backroute.repository.TreeEntry;

import java.io.IOException;
import java.io.InputStream;

/**
 * A file of a files snapshot, read chunk by chunk (each authenticated before a byte of it is handed out), whose end is
 * reported only once its content has matched the SHA-256 its tree recorded: a reader that sees the end has the file
 * the backup read.
 */
final class FileContent extends InputStream {
    private final TreeEntry entry;
    private final DigestingInputStream in;
    private boolean checked;

    private FileContent(TreeEntry entry, InputStream chunks) {
        this.entry = entry;
        this.in = new DigestingInputStream(chunks);
    }

    static InputStream open(Repository repository, TreeEntry entry) throws IntegrityException {
        if (entry.sha256() == null) {
            throw new IntegrityException("file " + Errors.inert(entry.path()) + " has no content digest in its tree");
        }
        return new FileContent(entry, repository.read(entry));
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0 && !checked) {
            if (in.count() != entry.size() || !in.sha256Hex().equals(entry.sha256())) {
                throw new IntegrityException("file " + Errors.inert(entry.path()) + " does not match the SHA-256 its tree recorded");
            }
            checked = true;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
