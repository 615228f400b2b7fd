package dev.backroute.repository;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The bytes of a chunk list, fetched and verified one chunk at a time: memory is one chunk, and no byte of a
 * chunk is returned before the whole chunk has been authenticated. The length must come out as recorded,
 * or the end is an error rather than a short file.
 */
final class ChunkStream extends InputStream {

    /** Fetches one chunk's verified plaintext. */
    interface Source {
        byte[] chunk(ChunkId id) throws IOException;
    }

    private final List<ChunkId> chunks;
    private final Source source;
    private final long size;
    private final String what;
    private long delivered;
    private int next;
    private byte[] current = new byte[0];
    private int position;

    ChunkStream(StoredStream stream, Source source, String what) {
        this.chunks = stream.chunks();
        this.size = stream.size();
        this.source = source;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        return fill() ? current[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }

    private boolean fill() throws IOException {
        while (position == current.length) {
            if (next == chunks.size()) {
                if (delivered != size) {
                    throw new RepositoryCorruptException(what + " has " + delivered + " bytes in its chunks, not the " + size + " recorded");
                }
                return false;
            }
            current = source.chunk(chunks.get(next++));
            position = 0;
            delivered += current.length;
            if (delivered > size) {
                throw new RepositoryCorruptException(what + " has more bytes in its chunks than the " + size + " recorded");
            }
        }
        return true;
    }
}
