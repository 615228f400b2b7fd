import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The benchmark's data set, the same bytes on every machine for a given size: half compressible text
 * (CSV ratings, JSON-lines movie metadata) and half incompressible float32 "embedding" vectors, all
 * from fixed-seed PRNGs. Run with: java bench/DataGen.java DIR SIZE_MB
 * <p>
 * {@code java bench/DataGen.java --churn DIR DAY} changes the set as day DAY (2, 3, ...) of the daily
 * scenario of {@code bench/run.sh --daily}, also from fixed seeds: applied to the same set in the same
 * order of days, it gives the same bytes everywhere.
 */
public class DataGen {
    private static final long MB = 1_000_000L;
    private static final long FILE = 16 * MB;
    private static final String[] GENRES = {"Drama", "Comedy", "Thriller", "Documentary", "Animation", "Horror",
            "Romance", "Science Fiction", "Western", "Musical"};
    private static final String[] WORDS = {"the", "last", "night", "river", "city", "love", "war", "dream", "house",
            "winter", "secret", "road", "king", "summer", "shadow", "star", "man", "girl", "return", "edge"};

    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("--churn")) {
            churn(Path.of(args[1]), Integer.parseInt(args[2]));
        } else if (args.length == 2) {
            generate(Path.of(args[0]), Long.parseLong(args[1]) * MB);
        } else {
            System.err.println("usage: java bench/DataGen.java DIR SIZE_MB | --churn DIR DAY");
            System.exit(2);
        }
    }

    private static void generate(Path dir, long total) throws IOException {
        Files.createDirectories(dir.resolve("ratings"));
        Files.createDirectories(dir.resolve("metadata"));
        Files.createDirectories(dir.resolve("embeddings"));
        long text = total / 2;
        int n = 0;
        for (long done = 0; done < text; n++) {
            long size = Math.min(FILE, text - done);
            boolean csv = n % 2 == 0;
            Path f = csv ? dir.resolve("ratings/ratings_" + n + ".csv") : dir.resolve("metadata/movies_" + n + ".jsonl");
            writeText(f, size, 1000 + n, csv);
            done += size;
        }
        long vectors = total - text;
        n = 0;
        for (long done = 0; done < vectors; n++) {
            long size = Math.min(FILE, vectors - done);
            writeVectors(dir.resolve("embeddings/part_" + n + ".f32"), size, 5000 + n);
            done += size;
        }
    }

    /**
     * One day's changes: ranges of 256 KiB to 2 MiB at scattered offsets inside existing files (chosen
     * in proportion to their sizes) are overwritten with new content of the file's own kind, until 2 %
     * of the bytes have been rewritten; sizes stay, the rewritten files' mtimes move to now. Then one
     * new 8 MB file: CSV ratings on even days, vectors on odd ones.
     */
    private static void churn(Path dir, int day) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        long[] ends = new long[files.size()];
        long total = 0;
        for (int i = 0; i < ends.length; i++) {
            total += Files.size(files.get(i));
            ends[i] = total;
        }
        SplittableRandom r = new SplittableRandom(9000 + day);
        long budget = total / 50;
        long changed = 0;
        TreeSet<Path> touched = new TreeSet<>();
        int ranges = 0;
        for (; changed < budget; ranges++) {
            long at = r.nextLong(total);
            int i = Arrays.binarySearch(ends, at + 1);
            i = i >= 0 ? i : -i - 1;
            Path f = files.get(i);
            long start = i == 0 ? 0 : ends[i - 1];
            long offset = (at - start) & ~3L; // whole float32 values stay whole
            long length = Math.min(Math.min((256 * 1024 + r.nextInt(1792 * 1024)) & ~3L, ends[i] - start - offset),
                    (budget - changed + 3) & ~3L);
            ByteArrayOutputStream content = new ByteArrayOutputStream((int) length);
            String name = f.getFileName().toString();
            if (name.endsWith(".f32")) {
                vectors(new SplittableRandom(r.nextLong()), content, length);
            } else {
                text(new SplittableRandom(r.nextLong()), name.endsWith(".csv"), content, length);
            }
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(content.toByteArray());
                while (b.hasRemaining()) {
                    ch.write(b, offset + b.position());
                }
            }
            changed += length;
            touched.add(f);
        }
        Path added = day % 2 == 0 ? dir.resolve("ratings/ratings_day" + day + ".csv") : dir.resolve("embeddings/part_day" + day + ".f32");
        if (day % 2 == 0) {
            writeText(added, 8 * MB, 7000 + day, true);
        } else {
            writeVectors(added, 8 * MB, 7000 + day);
        }
        System.err.printf("day %d: %d of %d bytes rewritten (%.1f %%) in %d ranges across %d files; new %s%n",
                day, changed, total, 100.0 * changed / total, ranges, touched.size(), dir.relativize(added));
    }

    private static void writeText(Path f, long size, long seed, boolean csv) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(f), 1 << 20)) {
            long header = 0;
            if (csv) {
                byte[] b = "user_id,movie_id,rating,timestamp,device\n".getBytes(StandardCharsets.US_ASCII);
                out.write(b);
                header = b.length;
            }
            text(new SplittableRandom(seed), csv, out, size - header);
        }
    }

    /** Exactly size bytes of CSV rating lines or JSON-lines metadata (the last line cut short). */
    private static void text(SplittableRandom r, boolean csv, OutputStream out, long size) throws IOException {
        long written = 0;
        StringBuilder line = new StringBuilder(256);
        while (written < size) {
            line.setLength(0);
            if (csv) {
                line.append(r.nextInt(2_000_000)).append(',').append(r.nextInt(80_000)).append(',')
                        .append(1 + r.nextInt(5)).append('.').append(r.nextBoolean() ? '5' : '0').append(',')
                        .append(1_500_000_000L + r.nextInt(300_000_000)).append(',')
                        .append(r.nextInt(3) == 0 ? "mobile" : r.nextBoolean() ? "web" : "tv").append('\n');
            } else {
                line.append("{\"movie_id\": ").append(r.nextInt(80_000)).append(", \"title\": \"");
                for (int w = 1 + r.nextInt(4); w > 0; w--) {
                    line.append(WORDS[r.nextInt(WORDS.length)]).append(w > 1 ? " " : "");
                }
                line.append("\", \"year\": ").append(1920 + r.nextInt(105)).append(", \"genres\": [\"")
                        .append(GENRES[r.nextInt(GENRES.length)]).append("\", \"").append(GENRES[r.nextInt(GENRES.length)])
                        .append("\"], \"popularity\": ").append(r.nextInt(100_000) / 100.0).append(", \"votes\": ")
                        .append(r.nextInt(500_000)).append("}\n");
            }
            byte[] b = line.toString().getBytes(StandardCharsets.US_ASCII);
            int n = (int) Math.min(b.length, size - written);
            out.write(b, 0, n);
            written += n;
        }
    }

    private static void writeVectors(Path f, long size, long seed) throws IOException {
        try (OutputStream out = Files.newOutputStream(f)) {
            vectors(new SplittableRandom(seed), out, size);
        }
    }

    /** Exactly size bytes of little-endian float32 values in [-1, 1). */
    private static void vectors(SplittableRandom r, OutputStream out, long size) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        long written = 0;
        while (written < size) {
            buf.clear();
            while (buf.remaining() >= 4) {
                buf.putFloat((float) (r.nextDouble() * 2 - 1));
            }
            int n = (int) Math.min(buf.position(), size - written);
            out.write(buf.array(), 0, n);
            written += n;
        }
    }
}
