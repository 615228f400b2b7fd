package dev.backroute.restore;

import dev.backroute.catalog.ArtifactSource;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.pipeline.DigestingInputStream;
import dev.backroute.pipeline.ProgressListener;

import org.apache.commons.io.input.BoundedInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stored copy against the size and SHA-256 its manifest recorded while the backup was written. Reading
 * the bytes and hashing them proves the target holds what was written, on any target (an object store's
 * own checksum exists only when the upload carried one); it does not decrypt, decompress or parse them,
 * which is what {@link ArtifactDecoder} adds for {@code validate} and the scheduled validation.
 */
final class StoredBytes {
    private static final int BUFFER = 1 << 20;

    private StoredBytes() {}

    /** Reads the whole copy, reporting its bytes to {@code progress} as a {@code phase}; says what was proved. */
    static String check(BackupRecord record, ArtifactSource source, ProgressListener progress, String phase) throws IOException {
        try (InputStream raw = source.open()) {
            // One byte more than the manifest's size is enough to tell a longer copy: a planted huge object is not read whole.
            InputStream bounded = BoundedInputStream.builder().setInputStream(raw).setMaxCount(Math.max(0, Math.min(record.storedBytes(), Long.MAX_VALUE - 1)) + 1)
                    .setPropagateClose(false).get();
            DigestingInputStream stored = new DigestingInputStream(new BufferedInputStream(bounded, BUFFER));
            progress.begin(phase, record.storedBytes(), stored::count);
            stored.drain();
            verify(record, source, stored);
            progress.end();
            return stored.count() + " stored bytes match the manifest's SHA-256 (not decrypted or decompressed)";
        }
    }

    /** Fails unless what went through {@code stored}, read to its end, is the manifest's stored artifact. */
    static void verify(BackupRecord record, ArtifactSource source, DigestingInputStream stored) throws IntegrityException {
        String what;
        if (stored.count() > record.storedBytes()) {
            what = "more bytes stored than the " + record.storedBytes() + " the manifest says";
        } else if (stored.count() != record.storedBytes()) {
            what = stored.count() + " bytes stored, the manifest says " + record.storedBytes();
        } else if (!stored.sha256Hex().equals(record.sha256())) {
            what = "its SHA-256 differs from the manifest's";
        } else {
            return;
        }
        throw new IntegrityException("backup " + record.id() + " on " + source.name() + " does not match its manifest ("
                + what + "): the stored artifact was modified or truncated");
    }
}
