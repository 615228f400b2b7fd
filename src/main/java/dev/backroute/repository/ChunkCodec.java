package dev.backroute.repository;

import com.github.luben.zstd.RecyclingBufferPool;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;
import dev.backroute.pipeline.Compression;

import javax.crypto.Mac;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Turns a chunk's plaintext into the blob stored in a pack and back. The blob is the sealed form of
 * {@code [compression code][compressed bytes]}, sealed under associated data naming the chunk id, so a blob
 * opens only as the chunk it was written for. Data that does not shrink is stored uncompressed (code 0), which
 * also spares the decompressor at restore. Reading recomputes the id from the plaintext: a chunk that opens
 * but is not the one asked for is still refused. One instance per thread (it holds a {@link Mac} and a buffer).
 */
final class ChunkCodec {
    private static final byte[] LABEL = "backroute chunk v1:".getBytes(StandardCharsets.US_ASCII);
    private static final int XZ_MEMORY_LIMIT_KIB = 72 * 1024;
    private static final Compression[] CODES = {Compression.NONE, Compression.GZIP, Compression.BZIP2, Compression.LZMA,
            Compression.ZSTD};

    private final RepositoryKey key;
    private final Sealer sealer;
    private final Mac mac;
    private final Compression compression;
    private final int level;
    private final int maxChunk;
    /** The chunk's {@code [code][bytes]} before sealing, reused for every chunk this codec encodes. */
    private final Unsealed unsealed = new Unsealed();

    ChunkCodec(RepositoryKey key, Compression compression, int level) {
        this.key = key;
        this.sealer = key.sealer();
        this.mac = key.chunkMac();
        this.compression = compression;
        this.level = level;
        this.maxChunk = key.chunkerParams().max();
    }

    /** A codec that only reads: the compression it would write with is never used. */
    static ChunkCodec reader(RepositoryKey key) {
        return new ChunkCodec(key, Compression.NONE, 0);
    }

    ChunkId id(byte[] data, int offset, int length) {
        mac.update(data, offset, length);
        return ChunkId.of(mac.doFinal());
    }

    /**
     * A sealed blob, the first {@code length} bytes of {@code blob} (an array from the caller's {@link BufferPool},
     * to give back once written), and the code of the compression it got, which the pack header repeats.
     */
    record Encoded(byte[] blob, int length, byte compression) {}

    Encoded encode(ChunkId id, byte[] data, int offset, int length, BufferPool buffers) throws IOException {
        unsealed.reset();
        if (!compressed(data, offset, length)) {
            unsealed.reset();
            unsealed.write(code(Compression.NONE));
            unsealed.write(data, offset, length);
        }
        byte code = unsealed.bytes()[0];
        int sealed = unsealed.size() + sealer.overhead();
        byte[] blob = buffers.take(sealed);
        sealer.seal(unsealed.bytes(), 0, unsealed.size(), associatedData(id), blob);
        return new Encoded(blob, sealed, code);
    }

    /** The chunk's plaintext, verified; {@code where} names the pack for messages. */
    byte[] decode(ChunkId id, byte[] blob, int offset, int length, String where) throws IOException {
        ChunkBuffer buffer = new ChunkBuffer(key);
        decode(id, blob, offset, length, where, buffer);
        return Arrays.copyOfRange(buffer.bytes(), buffer.offset(), buffer.offset() + buffer.length());
    }

    /**
     * Decodes the blob into {@code into}'s arrays (the blob may be one of them), leaving the verified plaintext as
     * its content: authenticated as the chunk {@code id}, decompressed, and its id recomputed. {@code where}
     * names the pack for messages.
     */
    void decode(ChunkId id, byte[] blob, int offset, int length, String where, ChunkBuffer into) throws IOException {
        byte[] plain = into.opened(Math.max(0, length - sealer.overhead()));
        int opened;
        try {
            opened = sealer.open(blob, offset, length, associatedData(id), plain);
        } catch (Sealer.SealBrokenException e) {
            throw new RepositoryCorruptException("chunk " + id + " in " + where + " is damaged or was replaced: it " + e.getMessage());
        }
        Compression used = opened == 0 || (plain[0] & 0xff) >= CODES.length ? null : CODES[plain[0]];
        if (used == null) {
            throw new RepositoryCorruptException("chunk " + id + " in " + where + " names an unknown compression");
        }
        if (used == Compression.NONE) {
            into.set(plain, 1, opened - 1);
        } else {
            decompress(used, plain, opened, id, where, into);
        }
        if (!MessageDigest.isEqual(id(into.bytes(), into.offset(), into.length()).bytes(), id.bytes())) {
            throw new RepositoryCorruptException("chunk " + id + " in " + where + " holds other data than its id says");
        }
    }

    /**
     * Writes {@code [code][compressed bytes]} to {@link #unsealed}; false when compression is off or does not shrink
     * the chunk.
     */
    private boolean compressed(byte[] data, int offset, int length) throws IOException {
        if (compression == Compression.NONE) {
            return false;
        }
        unsealed.write(code(compression));
        try (OutputStream compressing = compressing(unsealed)) {
            compressing.write(data, offset, length);
        }
        return unsealed.size() - 1 < length;
    }

    /** Bounded by the largest chunk, so a hostile blob cannot inflate without limit. */
    private void decompress(Compression used, byte[] plain, int opened, ChunkId id, String where, ChunkBuffer into) throws IOException {
        int length;
        try {
            length = used == Compression.ZSTD ? unzstd(plain, opened, into) : inflate(used, plain, opened, into);
        } catch (IOException | ZstdException e) {
            throw new RepositoryCorruptException("chunk " + id + " in " + where + " does not decompress: " + e.getMessage());
        }
        if (length > maxChunk) {
            throw new RepositoryCorruptException("chunk " + id + " in " + where + " is larger than any chunk can be");
        }
        into.set(into.data(length), 0, length);
    }

    /**
     * zstd in one call into the buffer (no stream, no copy), retried in a larger one when the chunk does not fit
     * (a chunk frame does not record its size); which only happens while the buffer first grows to the chunk size.
     */
    private int unzstd(byte[] plain, int opened, ChunkBuffer into) {
        byte[] data = into.data(Math.min(maxChunk, 4 * opened));
        while (true) {
            int room = Math.min(data.length, maxChunk);
            try {
                return (int) Zstd.decompressByteArray(data, 0, room, plain, 1, opened - 1);
            } catch (ZstdException e) {
                if (e.getErrorCode() != Zstd.errDstSizeTooSmall()) {
                    throw e;
                }
                if (room == maxChunk) {
                    return maxChunk + 1;
                }
                data = into.data(Math.min(maxChunk, 2 * room));
            }
        }
    }

    /** Other codecs stream into the buffer, reading at most one byte more than the largest chunk. */
    private int inflate(Compression used, byte[] plain, int opened, ChunkBuffer into) throws IOException {
        try (InputStream in = decompressing(used, new ByteArrayInputStream(plain, 1, opened - 1))) {
            byte[] data = into.data(Math.min(maxChunk + 1, 4 * opened));
            int length = 0;
            while (true) {
                length += in.readNBytes(data, length, data.length - length);
                if (length < data.length || length > maxChunk) {
                    return length;
                }
                data = into.data(Math.min(maxChunk + 1, 2 * data.length));
            }
        }
    }

    /*
     * zstd-jni's ZstdOutputStream and ZstdInputStream have finalizers, so each keeps what it references (the
     * chunk's output buffer, its input) alive through one more collection. At one stream per chunk, G1 then
     * promotes nearly every chunk's buffers and, with the heap it may take, grows with the data (a 1 GB backup
     * peaked at 1.9 GB RSS). The NoFinalizer variants write the same frames; try-with-resources frees them, and
     * hands the stream's own output buffer back to zstd-jni's pool for the next chunk.
     */
    private OutputStream compressing(OutputStream out) throws IOException {
        return switch (compression) {
            case ZSTD -> new ZstdOutputStreamNoFinalizer(out, RecyclingBufferPool.INSTANCE, level).setChecksum(true);
            // A dictionary beyond the chunk finds nothing more, and its encoder and decoders would allocate it per chunk.
            case LZMA -> new XZOutputStream(out, Compression.xzOptions(level, maxChunk));
            default -> compression.compress(out, level, 1);
        };
    }

    /**
     * An xz header names the dictionary the decoder allocates before a byte is decoded: bounded here (level 9 needs
     * 64 MiB), so a forged chunk in an unencrypted repository fails as undecodable instead of taking the heap.
     */
    private static InputStream decompressing(Compression used, InputStream in) throws IOException {
        return switch (used) {
            case LZMA -> new XZInputStream(in, XZ_MEMORY_LIMIT_KIB);
            default -> used.decompress(in);
        };
    }

    private static int code(Compression c) {
        return Arrays.asList(CODES).indexOf(c);
    }

    /** A growing array kept across chunks: after the first few it has room for any chunk, and copies nothing. */
    private static final class Unsealed extends ByteArrayOutputStream {
        Unsealed() {
            super(0); // a codec that only reads never grows it
        }

        byte[] bytes() {
            return buf;
        }
    }

    private static byte[] associatedData(ChunkId id) {
        byte[] ad = Arrays.copyOf(LABEL, LABEL.length + ChunkId.BYTES);
        System.arraycopy(id.bytes(), 0, ad, LABEL.length, ChunkId.BYTES);
        return ad;
    }
}
