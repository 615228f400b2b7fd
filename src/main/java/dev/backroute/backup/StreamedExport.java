package dev.backroute.backup;

import dev.backroute.config.TypeConfig;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Source of the kinds whose client library exports them as one stream (Neo4j over Bolt, Milvus over
 * gRPC): the export is written straight into the pipeline, and the facts it returns become the manifest's
 * {@code source} block. Each such kind offers its own subclass.
 */
public abstract class StreamedExport implements RunStage {

    /** A logical export of one configured source, and the extension its artifact takes (such as {@code .jsonl}). */
    public record Export(String extension, Writer writer) {}

    @FunctionalInterface
    public interface Writer {
        /** Writes the whole export to {@code out} without closing it; returns what was captured. */
        Map<String, Object> writeTo(OutputStream out) throws IOException;
    }

    private final BiFunction<TypeConfig, Consumer<String>, Export> exports;

    /** @param exports the export of the run's type (each type of a kind has its own source) */
    protected StreamedExport(Function<TypeConfig, Export> exports) {
        this((type, warn) -> exports.apply(type));
    }

    /** @param exports the export of the run's type, given where to send what the run must warn about (a backup that still succeeds) */
    protected StreamedExport(BiFunction<TypeConfig, Consumer<String>, Export> exports) {
        this.exports = exports;
    }

    @Override
    public final void apply(BackupRun run) {
        Export export = exports.apply(run.type(), run.group()::warn);
        run.content(out -> run.source().putAll(export.writer().writeTo(out)));
        run.appendExtension(export.extension());
    }
}
