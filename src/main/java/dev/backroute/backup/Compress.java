package dev.backroute.backup;

import dev.backroute.catalog.BackupRecord.CompressionInfo;
import dev.backroute.config.TypeConfig;
import dev.backroute.pipeline.Content;
import dev.backroute.pipeline.Handoff;
import org.apache.commons.io.output.CloseShieldOutputStream;

import java.io.OutputStream;

/**
 * Compresses with the type's {@code compression}, {@code compression_level} and {@code compression_threads}:
 * with more than one thread the compressor runs on workers, the source (tar, content digest) on a
 * thread of its own, and this thread writes what is compressed (encryption, stored digest, file), so
 * none of them adds a serial pass. {@code none} with more than one thread still splits source and writer.
 */
public final class Compress implements RunStage {

    @Override
    public void apply(BackupRun run) {
        TypeConfig type = run.type();
        Content inner = run.content();
        run.content(out -> {
            // Closing the compressor writes its trailer; the shield keeps the next stage open.
            try (OutputStream compressed = type.compression().compress(CloseShieldOutputStream.wrap(out), type.compressionLevel(),
                    type.compressionThreads())) {
                if (type.compressionThreads() > 1) {
                    // The source (tar, content digest) on its own thread, compression and what follows on this one.
                    Handoff.run(inner, compressed);
                } else {
                    inner.writeTo(compressed);
                }
            }
        });
        run.compression(new CompressionInfo(type.compression().configName(), type.compressionLevel()));
        run.appendExtension(type.compression().extension());
    }
}
