package dev.backroute.testsupport;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/** What someone with write access to a backup folder does to a stored file, for the tests that must catch it. */
public final class Tampering {
    private Tampering() {}

    /** Flips one bit of the byte in the middle of {@code file}, in place. */
    public static void flipMiddleByte(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            long middle = f.length() / 2;
            f.seek(middle);
            int b = f.read();
            f.seek(middle);
            f.write(b ^ 0x01);
        }
    }
}
