package dev.backroute.config;

/**
 * The bandwidth limits of a storage target ({@code limit_upload_kib}, {@code limit_download_kib}), in KiB/s; 0 means
 * no limit.
 */
public record Bandwidth(int uploadKib, int downloadKib) {
    public static final Bandwidth UNLIMITED = new Bandwidth(0, 0);

    /** Reads the limits every kind of storage target accepts; each, when given, is a whole number of KiB/s from 1. */
    static Bandwidth read(Fields f) {
        return new Bandwidth(f.integer("limit_upload_kib", 0, 1, Integer.MAX_VALUE),
                f.integer("limit_download_kib", 0, 1, Integer.MAX_VALUE));
    }

    public boolean isLimited() {
        return uploadKib > 0 || downloadKib > 0;
    }

    /** Bytes per second, or 0 for no limit. */
    public long uploadBytesPerSecond() {
        return uploadKib * 1024L;
    }

    public long downloadBytesPerSecond() {
        return downloadKib * 1024L;
    }
}
