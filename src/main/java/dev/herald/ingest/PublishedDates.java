package dev.herald.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Reads the publication dates found in front matter, HTML metadata and JSON fields.
 *
 * <p>Dates without a zone are taken as UTC, and a bare date as the start of that day in UTC: the sources rarely
 * say which zone they mean, and a stable answer matters more than a guess at the outlet's local time.
 */
public final class PublishedDates {

    // "+0000" is common in og/article meta tags but java.time's ISO parsers want "+00:00".
    private static final Pattern COMPACT_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})$");
    private static final Pattern SPACE_BEFORE_TIME = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})\\s+(\\d{1,2}:)");

    private PublishedDates() {
    }

    /** Earliest publication date taken as real: older ones are typos or a number read in the wrong unit. */
    static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Pattern YYYYMMDD = Pattern.compile("(19|20|21)\\d{6}");

    /** The instant the text names, or {@code null} when it is blank or in no format Herald knows. */
    public static Instant parse(String value) {
        if (value == null || value.isBlank()) return null;
        String v = value.trim();
        if (YYYYMMDD.matcher(v).matches()) return basicDate(v);
        v = SPACE_BEFORE_TIME.matcher(v).replaceFirst("$1T$2");
        if (v.contains("T")) v = COMPACT_OFFSET.matcher(v).replaceFirst("$1:$2");
        Instant parsed = tryIso(v);
        return parsed != null ? parsed : tryRfc1123(value.trim());
    }

    /**
     * A number as JSON corpora write dates: {@code 20250124} (yyyyMMdd, the start of that day in UTC), else Unix time
     * in seconds, or in milliseconds when it is too large for seconds. Null for an 8-digit number that is no date.
     */
    public static Instant fromNumber(long value) {
        if (value >= 10_000_000L && value <= 99_999_999L) {
            // eight digits as Unix seconds would be 1970-1973: much more likely a yyyyMMdd date
            return basicDate(Long.toString(value));
        }
        return Math.abs(value) > 100_000_000_000L ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
    }

    /**
     * True for a date a news article can have: from 1900 to a year from now. Anything else (year 0001, 1800, 2999)
     * would sort the article first or last in every date-filtered search.
     */
    public static boolean plausible(Instant t) {
        return t != null && !t.isBefore(EARLIEST) && t.isBefore(Instant.now().plus(java.time.Duration.ofDays(366)));
    }

    private static Instant basicDate(String v) {
        try {
            return LocalDate.parse(v, DateTimeFormatter.BASIC_ISO_DATE).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Instant tryIso(String v) {
        try {
            return OffsetDateTime.parse(v, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException ignored) {
            // fall through: not every source gives an offset
        }
        try {
            return ZonedDateTime.parse(v, DateTimeFormatter.ISO_ZONED_DATE_TIME).toInstant();
        } catch (DateTimeException ignored) {
            // fall through
        }
        try {
            return LocalDateTime.parse(v, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException ignored) {
            // fall through
        }
        try {
            return LocalDate.parse(v, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeException ignored) {
            return null;
        }
    }

    private static Instant tryRfc1123(String v) {
        try {
            return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }
}
