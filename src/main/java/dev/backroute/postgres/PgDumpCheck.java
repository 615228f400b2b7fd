package dev.backroute.postgres;

import dev.backroute.restore.IntegrityException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Structure check of a decoded dump, for validation: a custom-format dump starts with pg_dump's
 * {@code PGDMP} magic; a plain one starts with pg_dump's header and ends with its "dump complete"
 * trailer, which pg_dump writes last, so a dump cut short is caught even when its checksums match.
 */
public final class PgDumpCheck {
    private static final int HEAD = 4096;
    private static final int TAIL = 256;

    private PgDumpCheck() {}

    public static String verify(InputStream in, boolean custom, String id) throws IOException {
        byte[] head = in.readNBytes(HEAD);
        byte[] tail = Arrays.copyOfRange(head, Math.max(0, head.length - TAIL), head.length);
        long size = head.length;
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
            size += n;
            tail = lastBytes(tail, buf, n);
        }
        if (custom) {
            if (!new String(head, 0, Math.min(5, head.length), StandardCharsets.US_ASCII).equals("PGDMP")) {
                throw new IntegrityException("backup " + id + " is not a pg_dump custom-format archive (no PGDMP header)");
            }
            return "custom-format dump, " + size + " bytes";
        }
        String start = new String(head, StandardCharsets.UTF_8);
        String end = new String(tail, StandardCharsets.UTF_8);
        if (!start.contains("-- PostgreSQL database") || !end.contains("dump complete")) {
            throw new IntegrityException("backup " + id + " is not a complete pg_dump SQL script (its header or its"
                    + " \"dump complete\" trailer is missing)");
        }
        return "SQL dump, " + size + " bytes";
    }

    private static byte[] lastBytes(byte[] tail, byte[] buf, int n) {
        byte[] joined = new byte[tail.length + n];
        System.arraycopy(tail, 0, joined, 0, tail.length);
        System.arraycopy(buf, 0, joined, tail.length, n);
        return Arrays.copyOfRange(joined, Math.max(0, joined.length - TAIL), joined.length);
    }
}
