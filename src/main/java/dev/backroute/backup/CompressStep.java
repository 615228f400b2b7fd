package dev.backroute.backup;

import dev.backroute.catalog.BackupRecord.CompressionInfo;
import dev.backroute.config.TypeConfig;
import dev.backroute.pipeline.Content;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.commons.io.output.CloseShieldOutputStream;

import java.io.OutputStream;

/**
 * Compresses with the type's {@code compression}, {@code compression_level} and {@code compression_threads}:
 * with more than one thread the compressor runs on workers while this thread keeps producing the
 * plaintext (tar, content digest) and writing what is compressed (encryption, stored digest).
 */
public final class CompressStep implements Processor {

    @Override
    public void process(Exchange exchange) {
        BackupRun run = exchange.getProperty(BackupRun.PROPERTY, BackupRun.class);
        TypeConfig type = run.type();
        Content inner = run.content();
        run.content(out -> {
            // Closing the compressor writes its trailer; the shield keeps the next stage open.
            try (OutputStream compressed = type.compression().compress(CloseShieldOutputStream.wrap(out), type.compressionLevel(),
                    type.compressionThreads())) {
                inner.writeTo(compressed);
            }
        });
        run.compression(new CompressionInfo(type.compression().configName(), type.compressionLevel()));
        run.appendExtension(type.compression().extension());
    }
}
