package dev.backroute.pipeline;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.UnsupportedOptionsException;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The compression algorithms of backup_config.json. Each writes the standard container format
 * (gzip, bzip2, xz, zstd frames) so an unencrypted artifact opens with the usual command-line tool.
 */
public enum Compression {
    GZIP("gzip", ".gz", 1, 9, 6),
    BZIP2("bzip2", ".bz2", 1, 9, 9),
    LZMA("lzma", ".xz", 0, 9, 6),
    ZSTD("zstd", ".zst", 1, 19, 3),
    NONE("none", "", 0, 0, 0);

    private static final int BUFFER = 1 << 16;

    private final String configName;
    private final String extension;
    private final int minLevel;
    private final int maxLevel;
    private final int defaultLevel;

    Compression(String configName, String extension, int minLevel, int maxLevel, int defaultLevel) {
        this.configName = configName;
        this.extension = extension;
        this.minLevel = minLevel;
        this.maxLevel = maxLevel;
        this.defaultLevel = defaultLevel;
    }

    /** The name used in backup_config.json and manifests. */
    public String configName() { return configName; }

    /** The file name extension appended to the artifact, empty for {@link #NONE}. */
    public String extension() { return extension; }

    public int minLevel() { return minLevel; }

    public int maxLevel() { return maxLevel; }

    public int defaultLevel() { return defaultLevel; }

    public boolean acceptsLevel(int level) { return level >= minLevel && level <= maxLevel; }

    /** Parses a config value; returns null for an unknown name so the caller can report the JSON path. */
    public static Compression fromConfigName(String name) {
        for (Compression c : values()) {
            if (c.configName.equals(name.toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        return null;
    }

    public static String configNames() {
        return String.join(", ", Arrays.stream(values()).map(Compression::configName).toList());
    }

    /**
     * Wraps {@code out} in a compressor; closing the returned stream writes the format's trailer and
     * closes {@code out}. With more than one of {@code threads}, it compresses on worker threads:
     * gzip as pigz does (one gzip member of sync-flushed deflate blocks), zstd with its own workers,
     * xz and bzip2 as concatenated independent streams. The output is one artifact the standard tool
     * reads; memory stays bounded (a fixed number of blocks in flight). One thread keeps the plain
     * single-threaded encoders.
     */
    public OutputStream compress(OutputStream out, int level, int threads) throws IOException {
        if (threads > 1) {
            return switch (this) {
                case GZIP -> new ParallelGzipOutputStream(out, level, threads);
                case BZIP2 -> ParallelStreamsOutputStream.bzip2(out, level, threads);
                case LZMA -> ParallelStreamsOutputStream.xz(out, level, threads);
                case ZSTD -> new ZstdOutputStream(out, level).setChecksum(true).setWorkers(threads);
                case NONE -> out;
            };
        }
        return switch (this) {
            case GZIP -> new GZIPOutputStream(out, BUFFER) {
                { def.setLevel(level); }
            };
            case BZIP2 -> new BZip2CompressorOutputStream(out, level);
            case LZMA -> new XZOutputStream(out, new LZMA2Options(level));
            case ZSTD -> new ZstdOutputStream(out, level).setChecksum(true);
            case NONE -> out;
        };
    }

    /** Wraps {@code in} in the matching decompressor; concatenated members/frames are read through. */
    public InputStream decompress(InputStream in) throws IOException {
        return switch (this) {
            case GZIP -> new GZIPInputStream(in, BUFFER);
            case BZIP2 -> new BZip2CompressorInputStream(new BufferedInputStream(in, BUFFER), true);
            case LZMA -> new XZInputStream(new BufferedInputStream(in, BUFFER));
            case ZSTD -> new ZstdInputStream(new BufferedInputStream(in, BUFFER));
            case NONE -> in;
        };
    }


    /**
     * xz settings for level {@code level} whose dictionary is no larger than the largest input it will see (and not
     * under xz's minimum): a larger one finds nothing more, yet the encoder, and every decoder, allocates it whole
     * (level 9: 64 MiB for the dictionary, ~670 MiB to encode).
     */
    public static LZMA2Options xzOptions(int level, int largestInput) throws UnsupportedOptionsException {
        LZMA2Options options = new LZMA2Options(level);
        options.setDictSize(Math.max(LZMA2Options.DICT_SIZE_MIN, Math.min(options.getDictSize(), largestInput)));
        return options;
    }
}
