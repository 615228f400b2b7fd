package dev.backroute.backup;

import dev.backroute.pipeline.Content;
import dev.backroute.pipeline.DigestingOutputStream;

/**
 * Measures the plaintext as the source produces it: its SHA-256 ({@code content_sha256}) and size
 * ({@code raw_bytes}). Runs right after the source so it sees the bytes before compression; its
 * count is also the progress of the source phase, the one that takes the time.
 */
public final class Checksum implements RunStage {

    @Override
    public void apply(BackupRun run) {
        Content inner = run.content();
        run.content(out -> {
            DigestingOutputStream digest = new DigestingOutputStream(out);
            run.progress().begin(run.sourcePhase(), run.expectedRawBytes(), digest::count);
            inner.writeTo(digest);
            run.progress().end();
            run.contentDigest(digest.count(), digest.sha256Hex());
        });
    }
}
