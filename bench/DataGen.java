import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The benchmark's data set, the same bytes on every machine for a given size: half compressible text
 * (CSV ratings, JSON-lines movie metadata) and half incompressible float32 "embedding" vectors, all
 * from fixed-seed PRNGs. Run with: java bench/DataGen.java DIR SIZE_MB
 */
public class DataGen {
    private static final long MB = 1_000_000L;
    private static final long FILE = 16 * MB;
    private static final String[] GENRES = {"Drama", "Comedy", "Thriller", "Documentary", "Animation", "Horror",
            "Romance", "Science Fiction", "Western", "Musical"};
    private static final String[] WORDS = {"the", "last", "night", "river", "city", "love", "war", "dream", "house",
            "winter", "secret", "road", "king", "summer", "shadow", "star", "man", "girl", "return", "edge"};

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        long total = Long.parseLong(args[1]) * MB;
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

    private static void writeText(Path f, long size, long seed, boolean csv) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(f), 1 << 20)) {
            long written = 0;
            StringBuilder line = new StringBuilder(256);
            if (csv) {
                byte[] header = "user_id,movie_id,rating,timestamp,device\n".getBytes(StandardCharsets.US_ASCII);
                out.write(header);
                written += header.length;
            }
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
    }

    private static void writeVectors(Path f, long size, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream out = Files.newOutputStream(f)) {
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
}
