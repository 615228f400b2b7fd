package dev.backroute.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * Copies a source file into a tar entry whose header already promised a size. Read trouble ends
 * the copy and the promise is kept with zero padding, as GNU tar does; write trouble propagates.
 */
final class ContentCopier {

    static final String CHANGED = "changed while being read";
    private static final int BUFFER_SIZE = 64 * 1024;

    private final byte[] buffer = new byte[BUFFER_SIZE];

    /** @return what went wrong on the reading side, if anything */
    Optional<String> copy(InputStream in, OutputStream entry, long size) throws IOException {
        long remaining = size;
        Optional<String> trouble = Optional.empty();
        while (remaining > 0 && trouble.isEmpty()) {
            int n;
            try {
                n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            } catch (IOException e) {
                n = -1;
                trouble = Optional.of("could not be read completely (" + e.getMessage() + "); padded with zeros");
            }
            if (n < 0) {
                trouble = trouble.or(() -> Optional.of(CHANGED));
            } else {
                entry.write(buffer, 0, n);
                remaining -= n;
            }
        }
        if (remaining > 0) {
            pad(entry, remaining);
            return trouble;
        }
        return grew(in) ? Optional.of(CHANGED) : Optional.empty();
    }

    private void pad(OutputStream entry, long count) throws IOException {
        Arrays.fill(buffer, (byte) 0);
        for (long left = count; left > 0; left -= buffer.length) {
            entry.write(buffer, 0, (int) Math.min(buffer.length, left));
        }
    }

    private static boolean grew(InputStream in) {
        try {
            return in.read() >= 0;
        } catch (IOException e) {
            return true;
        }
    }
}
