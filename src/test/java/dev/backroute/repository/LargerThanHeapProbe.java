package dev.backroute.repository;

import dev.backroute.pipeline.Compression;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Run by {@link RepositoryTest} in a child JVM whose heap is smaller than the data: backs up a generated stream
 * into a local repository with the default chunk sizes, restores it, and prints "ok" when both SHA-256s match.
 * Arguments: the byte count and a folder the test owns (and removes, even when this JVM dies).
 */
public final class LargerThanHeapProbe {

    public static void main(String[] args) throws Exception {
        long size = Long.parseLong(args[0]);
        Path dir = Path.of(args[1]);
        Repository repository = Repository.init(new LocalBlobStore(dir.resolve("repo")), new TestKeyWrap(1), ChunkerParams.DEFAULT);
        MessageDigest written = MessageDigest.getInstance("SHA-256");
        Snapshot snapshot;
        try (Backup backup = repository.newBackup(BackupOptions.of(Compression.ZSTD).withSpool(dir).withThreads(2));
                InputStream in = new DigestInputStream(new Generated(size), written)) {
            backup.add(TreeEntry.file("dump", 0600, Instant.EPOCH, backup.write(in)));
            snapshot = backup.commit(new SnapshotInfo("t", "b", Instant.EPOCH, Instant.EPOCH, Snapshot.Kind.STREAM, Map.of()));
        }
        MessageDigest read = MessageDigest.getInstance("SHA-256");
        Repository reopened = Repository.open(new LocalBlobStore(dir.resolve("repo")), new TestKeyWrap(1));
        try (InputStream in = new DigestInputStream(reopened.read(reopened.snapshot(snapshot.name())), read)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        if (!Arrays.equals(written.digest(), read.digest())) {
            throw new IllegalStateException("restored bytes differ");
        }
        System.out.println("ok " + size + " bytes, heap max " + Runtime.getRuntime().maxMemory());
    }

    /** Pseudo-random blocks, every fourth one repeated, so some chunks compress or repeat and most do not. */
    private static final class Generated extends InputStream {
        private final long size;
        private final byte[] block = new byte[1 << 16];
        private final SplittableRandom random = new SplittableRandom(7);
        private long position;
        private int inBlock = block.length;

        Generated(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position == size) {
                return -1;
            }
            if (inBlock == block.length) {
                if ((position / block.length) % 4 != 3) {
                    random.nextBytes(block);
                }
                inBlock = 0;
            }
            int n = (int) Math.min(Math.min(len, block.length - inBlock), size - position);
            System.arraycopy(block, inBlock, b, off, n);
            inBlock += n;
            position += n;
            return n;
        }
    }
}
