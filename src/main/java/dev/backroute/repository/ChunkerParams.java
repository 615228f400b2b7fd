package dev.backroute.repository;

/**
 * Chunk size bounds. They are fixed when a repository is created and stored in its key file: chunking the
 * same data with other bounds cuts other chunks, and nothing would deduplicate against earlier backups.
 */
public record ChunkerParams(int min, int avg, int max) {
    public static final ChunkerParams DEFAULT = new ChunkerParams(512 * 1024, 1024 * 1024, 8 * 1024 * 1024);

    /** The smallest bounds accepted: below this the gear hash's 64-byte window is most of a chunk. */
    static final int SMALLEST = 256;
    /** Chunk lengths travel as ints, with room for the seal and compression overhead. */
    static final int LARGEST = 256 * 1024 * 1024;

    public ChunkerParams {
        if (min < SMALLEST || !(min < avg && avg < max) || max > LARGEST) {
            throw new IllegalArgumentException("chunk sizes must satisfy " + SMALLEST + " <= min < avg < max <= " + LARGEST
                    + ", got min " + min + ", avg " + avg + ", max " + max);
        }
    }
}
