package dev.backroute.cli;

import picocli.CommandLine;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --since} of {@code list}: a UTC date ({@code 2026-12-01}, from its midnight), an instant
 * ({@code 2026-12-01T06:00:00Z}), or an age before now in days or hours ({@code 7d}, {@code 24h}).
 * An age is kept as one so that it is measured from when the command runs, not from when it was parsed.
 */
record Since(Instant at, Duration ago) {

    private static final Pattern AGE = Pattern.compile("(\\d{1,6})([dh])");

    static Since parse(String value) {
        Matcher age = AGE.matcher(value);
        if (age.matches()) {
            long n = Long.parseLong(age.group(1));
            return new Since(null, age.group(2).equals("d") ? Duration.ofDays(n) : Duration.ofHours(n));
        }
        try {
            return new Since(value.contains("T") ? Instant.parse(value) : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant(), null);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("expected a date (2026-12-01), an instant (2026-12-01T06:00:00Z)"
                    + " or an age in days or hours (7d, 24h), got '" + value + "'");
        }
    }

    /** The earliest start time a backup may have to be shown. */
    Instant start(Instant now) {
        return at != null ? at : now.minus(ago);
    }

    static final class Converter implements CommandLine.ITypeConverter<Since> {
        @Override
        public Since convert(String value) {
            return parse(value);
        }
    }
}
