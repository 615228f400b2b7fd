package dev.backroute.backup;

import dev.backroute.BackrouteExchange;
import dev.backroute.pipeline.Content;
import dev.backroute.pipeline.DigestingOutputStream;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Measures the plaintext as the source produces it: its SHA-256 ({@code content_sha256}) and size
 * ({@code raw_bytes}). Placed right after the source step so it sees the bytes before compression; its
 * count is also the progress of the source phase, the one that takes the time.
 */
public final class ChecksumStep implements Processor {

    @Override
    public void process(Exchange exchange) {
        BackupRun run = exchange.getProperty(BackrouteExchange.RUN, BackupRun.class);
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
