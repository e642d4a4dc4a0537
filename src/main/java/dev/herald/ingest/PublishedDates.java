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

    /** The instant the text names, or {@code null} when it is blank or in no format Herald knows. */
    public static Instant parse(String value) {
        if (value == null || value.isBlank()) return null;
        String v = value.trim();
        v = SPACE_BEFORE_TIME.matcher(v).replaceFirst("$1T$2");
        if (v.contains("T")) v = COMPACT_OFFSET.matcher(v).replaceFirst("$1:$2");
        Instant parsed = tryIso(v);
        return parsed != null ? parsed : tryRfc1123(value.trim());
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
