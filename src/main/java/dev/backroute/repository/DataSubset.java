package dev.backroute.repository;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much pack data one subset check reads, as restic's {@code check --read-data-subset} takes it: a share
 * ({@code 5%}, {@code 2.5%}: the packs fall into {@code ceil(100 / N)} groups and each run reads the next group) or a
 * byte budget ({@code 500MiB}: each run reads on, in pack-name order, from where the last one stopped).
 */
public record DataSubset(String text, BigDecimal percent, long bytes) {
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,6})?)%");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12}(?:\\.\\d{1,6})?)(KiB|MiB|GiB|TiB)");
    private static final Map<String, Integer> SHIFT = Map.of("KiB", 10, "MiB", 20, "GiB", 30, "TiB", 40);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Parses a spec; the exception's message is one line saying what is accepted. */
    public static DataSubset parse(String spec) {
        String s = spec == null ? "" : spec.trim();
        Matcher p = PERCENT.matcher(s);
        if (p.matches()) {
            BigDecimal percent = new BigDecimal(p.group(1));
            if (percent.signum() <= 0 || percent.compareTo(HUNDRED) > 0) {
                throw new IllegalArgumentException("'" + spec + "' is not a share from 0% (excluded) to 100%");
            }
            return new DataSubset(s, percent, 0);
        }
        Matcher m = SIZE.matcher(s);
        if (m.matches()) {
            long bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1L << SHIFT.get(m.group(2))))
                    .setScale(0, RoundingMode.DOWN).longValueExact();
            if (bytes <= 0) {
                throw new IllegalArgumentException("'" + spec + "' reads nothing: give a size above 0");
            }
            return new DataSubset(s, null, bytes);
        }
        throw new IllegalArgumentException("'" + spec + "' is neither a share like 5% or 2.5% nor a size like 500MiB or 2GiB"
                + " (KiB, MiB, GiB, TiB)");
    }

    public boolean byShare() {
        return percent != null;
    }

    /** With a share: how many runs a rotation takes, each reading one group of packs. */
    public int groups() {
        return HUNDRED.divide(percent, 0, RoundingMode.CEILING).intValueExact();
    }
}
