package dev.backroute.postgres;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a PostgreSQL client program printed, as far as an error report needs: keeps the last 64 KiB written,
 * bounded whatever the program prints.
 */
public final class TailBuffer extends OutputStream {
    private static final int CAP = 64 * 1024;
    private final byte[] buf = new byte[CAP];
    private long written;

    @Override
    public synchronized void write(int b) {
        buf[(int) (written++ % CAP)] = (byte) b;
    }

    synchronized byte[] bytes() {
        if (written <= CAP) {
            return Arrays.copyOf(buf, (int) written);
        }
        int start = (int) (written % CAP);
        byte[] copy = new byte[CAP];
        System.arraycopy(buf, start, copy, 0, CAP - start);
        System.arraycopy(buf, 0, copy, CAP - start, start);
        return copy;
    }

    /** What was kept, or null when nothing was written. */
    public InputStream stream() {
        return written == 0 ? null : new ByteArrayInputStream(bytes());
    }

    /** The last few lines, folded onto one line for an error message. */
    public String lastLines() {
        String text = new String(bytes(), StandardCharsets.UTF_8).strip();
        String[] lines = text.split("\\R");
        int from = Math.max(0, lines.length - 3);
        String joined = String.join(" / ", Arrays.copyOfRange(lines, from, lines.length)).strip();
        return joined.isEmpty() ? "no error output" : joined;
    }
}
